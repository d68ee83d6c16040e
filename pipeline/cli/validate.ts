import { CommanderError } from 'commander';
import type { Lang } from '../../core/messages';
import { cliText, type CliTextId } from '../../core/messages/cli';
import type { Params } from '../../core/report';
import { validate } from '../../core/validate';
import { DEFAULT_FRAMEWORK, loadFrameworkFile } from '../framework-file';
import { readWorkbookFile } from '../read/xlsx';
import { DEFAULT_LIMITS, type ZipLimits } from '../read/zip-guard';
import { EXIT, langOf, parseLang, program, reportFailure, runAsMain } from './common';
import { checkFeedbackDir, feedbackJson, feedbackOption, runFeedback } from './feedback';
import { feedbackOfValidate } from './feedback-sources';
import { printable, printableLines } from './printable';
import { exitCode, fileFailure, formatFileReport, jsonReport, totalsLine, type FileOutcome } from './print-report';

/** `--max-size 20` → 20 MB; a positive number of megabytes (decimals allowed). */
export function parseMaxSize(value: string, lang: Lang = 'fr'): number {
  const mb = Number(value.replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(mb) || mb <= 0)
    throw new CommanderError(EXIT.unusable, 'maxSize', cliText('maxSizePositive', { value }, lang));
  return mb;
}

interface Options {
  framework: string;
  lang: Lang;
  json?: boolean;
  maxSize?: number;
  feedback?: string;
}

/**
 * `npm run validate -- FILE...`: checks filled workbooks against the results framework and prints
 * every issue. Exit 0: no errors; 1: some file has errors; 2: a file or an argument cannot be used.
 */
export async function run(argv: string[]): Promise<number> {
  // Known before parsing, so that commander's errors and the options' checks speak it too.
  let lang: Lang = langOf(argv);
  try {
    const say = (id: CliTextId, params: Params = {}) => cliText(id, params, lang);
    const cli = program('validate', say('validateDescription'), lang)
      .argument(say('validateFilesArgument'), say('validateFiles'))
      .option('--framework <file>', say('optFramework'), DEFAULT_FRAMEWORK)
      .option('--lang <lang>', say('optLang'), parseLang, 'fr' as Lang)
      .option('--json', say('optJsonValidate'))
      .option(
        say('maxSizeFlagValidate'),
        say('optMaxSizeValidate', { mb: DEFAULT_LIMITS.maxFileBytes / 1048576 }),
        (value) => parseMaxSize(value, lang),
      )
      .option('--feedback <dir>', feedbackOption(lang))
      .parse(argv, { from: 'user' });
    const options = cli.opts<Options>();
    lang = options.lang;
    const files = cli.args;
    if (files.length === 0) throw new CommanderError(EXIT.unusable, 'validate.noFiles', cliText('noFiles', {}, lang));
    if (options.feedback) await checkFeedbackDir(options.feedback, { files }, lang);
    const framework = loadFrameworkFile(options.framework);
    const limits: ZipLimits =
      options.maxSize === undefined
        ? DEFAULT_LIMITS
        : { ...DEFAULT_LIMITS, maxFileBytes: Math.floor(options.maxSize * 1048576) };

    const outcomes: FileOutcome[] = [];
    for (const file of files) {
      let outcome: FileOutcome;
      try {
        outcome = { file, report: validate(await readWorkbookFile(file, limits), framework) };
      } catch (err) {
        outcome = { file, failure: fileFailure(file, err, lang) };
      }
      outcomes.push(outcome);
      // The reason a file is unusable goes to stderr as one line, in text and JSON modes alike.
      if ('failure' in outcome) process.stderr.write(`${printable(outcome.failure.line)}\n`);
      else if (!options.json)
        process.stdout.write(`${printableLines(formatFileReport(file, outcome.report, lang, framework))}\n\n`);
    }
    const feedback = options.feedback
      ? await runFeedback(
          { ...feedbackOfValidate(outcomes, { dir: options.feedback, framework, lang, limits }), command: 'validate' },
          lang,
        )
      : null;
    const report = options.feedback
      ? { ...jsonReport(outcomes, lang), feedback: feedbackJson(feedback) }
      : jsonReport(outcomes, lang);
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (outcomes.length > 1) process.stdout.write(`${totalsLine(outcomes, lang)}\n`);
    return options.feedback && !feedback ? EXIT.unusable : exitCode(outcomes);
  } catch (err) {
    return reportFailure(err, lang);
  }
}

if (require.main === module) {
  // `npm run validate -- … | head`: a reader that stops early is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw err;
  });
}
runAsMain(module, run);
