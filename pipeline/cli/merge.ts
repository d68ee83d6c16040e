import path from 'node:path';
import type { Lang } from '../../core/messages';
import { cliText, type CliTextId } from '../../core/messages/cli';
import { dhis2Text } from '../../core/messages/exports-dhis2';
import { iatiText } from '../../core/messages/exports-iati';
import { problemText, summaryText } from '../../core/messages/merge';
import { EXAMPLES_DIR } from '../examples';
import { DEFAULT_FRAMEWORK, loadFrameworkFile } from '../framework-file';
import { merge } from '../merge/merge';
import { fromRoot } from '../paths';
import { DEFAULT_LIMITS } from '../read/zip-guard';
import { errorLine, langOf, parseLang, program, reportFailure, runAsMain } from './common';
import { feedbackOption } from './feedback';
import { iatiLines } from './iati';
import { planExtras, writeExtras } from './merge-extras';
import { printHuman, printJson } from './merge-report';
import { printable, printableLines } from './printable';

export const DEFAULT_OUTPUT_DIR = fromRoot('out');

interface Options {
  input: string;
  output?: string;
  period?: string;
  lang: Lang;
  json?: boolean;
  csv?: string;
  evolutionCommunes?: boolean;
  strict?: boolean;
  prefer?: string;
  framework: string;
  maxSize: string;
  workers?: string;
  feedback?: string;
  dhis2?: string;
  dhis2Mapping?: string;
  iati?: string;
}

/** `npm run merge`: consolidates a folder of commune workbooks (and tidy CSVs) into one workbook. */
export async function run(argv: string[]): Promise<number> {
  // Known before parsing, so that commander's errors speak it too.
  let lang: Lang = langOf(argv);
  try {
    const say = (id: CliTextId) => cliText(id, {}, lang);
    const cli = program('merge', say('mergeDescription'), lang)
      .option('--input <dir>', say('optInput'), EXAMPLES_DIR)
      .option('--output <file>', say('optOutput'))
      .option('--period <label>', say('optPeriod'))
      .option('--lang <fr|en>', say('optLangMerge'), parseLang, 'fr')
      .option('--json', say('optJsonMerge'))
      .option('--csv <file>', say('optCsv'))
      .option('--evolution-communes', say('optEvolutionCommunes'))
      .option('--strict', say('optStrict'))
      .option('--prefer <latest>', say('optPrefer'))
      .option('--framework <file>', say('optFramework'), DEFAULT_FRAMEWORK)
      .option('--workers <n>', say('optWorkers'))
      .option('--feedback <dir>', feedbackOption(lang))
      .option('--dhis2 <file>', dhis2Text('optDhis2', {}, lang))
      .option('--dhis2-mapping <file>', dhis2Text('optDhis2Mapping', {}, lang))
      .option('--iati <file.xml>', iatiText('optIati', {}, lang))
      .option(say('maxSizeFlagMerge'), say('optMaxSizeMerge'), String(DEFAULT_LIMITS.maxFileBytes / 1048576))
      .parse(argv, { from: 'user' });
    const options = cli.opts<Options>();
    lang = options.lang;
    if (options.prefer !== undefined && options.prefer !== 'latest')
      throw new Error(cliText('prefer', { value: options.prefer }, lang));
    const maxSize = Number(options.maxSize);
    if (!Number.isFinite(maxSize) || maxSize <= 0)
      throw new Error(cliText('maxSize', { value: options.maxSize }, lang));
    const framework = loadFrameworkFile(options.framework);
    if (options.period && !framework.periods.some((p) => p.label === options.period))
      throw new Error(
        cliText('period', { value: options.period, periods: framework.periods.map((p) => p.label).join(', ') }, lang),
      );
    const output =
      options.output ??
      path.join(DEFAULT_OUTPUT_DIR, `${framework.id}_consolidation${options.period ? `_${options.period}` : ''}.xlsx`);
    if (!/\.xlsx$/i.test(output)) throw new Error(cliText('output', { value: output }, lang));

    const workers = options.workers === undefined ? undefined : Number(options.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64))
      throw new Error(cliText('workers', { value: options.workers ?? '' }, lang));
    const extras = await planExtras({ ...options, output }, framework, lang);
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: maxSize * 1048576 };
    const progressEvery = 25;
    const result = await merge({
      input: options.input,
      output,
      framework,
      lang,
      period: options.period,
      strict: Boolean(options.strict),
      prefer: options.prefer,
      csv: options.csv,
      evolutionCommunes: Boolean(options.evolutionCommunes),
      limits,
      workers: workers ?? 'auto',
      onProgress: (done, total) => {
        if (total >= 50 && (done % progressEvery === 0 || done === total))
          process.stderr.write(`${summaryText('progress', { done, total }, lang)}\n`);
      },
    });
    const done = await writeExtras(extras, result, framework, limits, lang);
    if (options.json) printJson(result, lang, done.json);
    // With no usable input folder or a clash there is no account to give: the one-line reason says it all.
    else if (!['inputMissing', 'outputIsInput', 'outputNotAFile', 'csvIsOutput'].includes(result.problem?.id ?? ''))
      printHuman(result, framework, lang, done.json.dhis2);
    if (done.json.iati && !options.json) process.stdout.write(`${printableLines(iatiLines(done.json.iati, lang))}\n`);
    if (result.problem)
      process.stderr.write(
        `${printable(errorLine(problemText(result.problem.id, result.problem.params, lang), lang))}\n`,
      );
    if (result.refusedByStrict) process.stderr.write(`${errorLine(problemText('strict', {}, lang), lang)}\n`);
    for (const notice of done.json.notices) process.stderr.write(`${printable(notice)}\n`);
    for (const failure of done.failures) process.stderr.write(`${printable(errorLine(failure, lang))}\n`);
    return done.failed ? 2 : result.exitCode;
  } catch (err) {
    return reportFailure(err, lang);
  }
}

runAsMain(module, run);
