import path from 'node:path';
import type { Lang } from '../../core/messages';
import { cliText, type CliTextId } from '../../core/messages/cli';
import type { Params } from '../../core/report';
import { loadFrameworkFile, DEFAULT_FRAMEWORK } from '../framework-file';
import { TEMPLATES_DIR, writeTemplates } from '../templates';
import { EXIT, langOf, parseLang, program, reportFailure, runAsMain } from './common';

/**
 * `npm run templates -- [--period 2024-T2] [--out DIR] [--lang en]`: one .xlsx template per commune, for one
 * period or generic. `--lang` is the language of what the command says; the templates stay French (the contract).
 */
export async function run(argv: string[]): Promise<number> {
  // Known before parsing, so that commander's errors and --help speak it too.
  let lang: Lang = langOf(argv);
  try {
    const say = (id: CliTextId, params: Params = {}) => cliText(id, params, lang);
    const cli = program('templates', say('templatesDescription'), lang)
      .option('--out <dir>', say('optTemplatesOut'), TEMPLATES_DIR)
      .option('--framework <file>', say('optFramework'), DEFAULT_FRAMEWORK)
      .option('--period <label>', say('optTemplatesPeriod'))
      .option('--lang <lang>', say('optLangTemplates'), parseLang, 'fr' as Lang)
      .parse(argv, { from: 'user' });
    const options = cli.opts<{ out: string; framework: string; period?: string; lang: Lang }>();
    lang = options.lang;
    const framework = loadFrameworkFile(options.framework);
    const files = await writeTemplates(framework, path.resolve(options.out), options.period);
    for (const file of files) process.stdout.write(`${file}\n`);
    const about = { count: files.length, framework: framework.id, version: framework.version };
    process.stderr.write(
      `${options.period ? say('templatesWrittenPeriod', { ...about, period: options.period }) : say('templatesWrittenGeneric', about)}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err, lang);
  }
}

runAsMain(module, run);
