import { Command, CommanderError, Help, InvalidArgumentError } from 'commander';
import { statSync } from 'node:fs';
import { FrameworkError } from '../../core/framework/load';
import type { Lang } from '../../core/messages';
import { cliText, type CliTextId } from '../../core/messages/cli';
import { InputError } from '../read/input-error';
import { BUNDLED, ROOT } from '../paths';
import { printable } from './printable';
import { newerSource } from './stale-build';
import { renderInputError } from './text';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, invalid: 1, unusable: 2 } as const;

export function parseLang(value: string): Lang {
  if (value !== 'fr' && value !== 'en') throw new InvalidArgumentError(cliText('langExpected', { value }, 'fr'));
  return value;
}

/**
 * The language asked for on the command line, read before commander parses it: commander's own errors
 * and the options' parsers speak before the options are known. French unless `--lang en` (or `--lang=en`).
 */
export function langOf(argv: readonly string[]): Lang {
  let lang: Lang = 'fr';
  argv.forEach((arg, i) => {
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'fr' || value === 'en') lang = value;
  });
  return lang;
}

/** commander's own parsing errors, said in the user's language like every other message of the tools. */
const COMMANDER_ERRORS: [RegExp, (lang: Lang, ...m: string[]) => string][] = [
  [
    /^error: unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/,
    (lang, option, hint) => cliText(hint ? 'unknownOptionHint' : 'unknownOption', { option, hint }, lang),
  ],
  [/^error: option '([^']+)' argument missing/, (lang, option) => cliText('missingValue', { option }, lang)],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\.\s*(.*)/,
    (lang, option, _v, why) => cliText('invalidValue', { option, why }, lang),
  ],
  [/^error: too many arguments.*/, (lang) => cliText('tooManyArguments', {}, lang)],
  [/^error: missing required argument '([^']+)'/, (lang, argument) => cliText('missingArgument', { argument }, lang)],
];

export function commanderErrorText(text: string, lang: Lang): string {
  const line = text.trim();
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = pattern.exec(line);
    if (m) return `${errorLine(say(lang, ...m.slice(1).map((g) => g ?? '')), lang)}\n`;
  }
  return `${errorLine(line.replace(/^error: /, ''), lang)}\n`;
}

/** commander's errors in French, the tools' default language. */
export const frenchCommanderError = (text: string): string => commanderErrorText(text, 'fr');

/** commander's help headings, in the user's language. */
const HELP_TITLES: Record<string, CliTextId> = {
  'Usage:': 'helpUsage',
  'Options:': 'helpOptions',
  'Arguments:': 'helpArguments',
  'Commands:': 'helpCommands',
};

/** A commander program that throws instead of exiting, so run(argv) can return the exit code. */
export function program(name: string, description: string, lang: Lang = 'fr'): Command {
  return new Command(name)
    .description(description)
    .helpOption('-h, --help', cliText('helpOption', {}, lang))
    .configureHelp({
      styleTitle: (title) => (HELP_TITLES[title] ? cliText(HELP_TITLES[title], {}, lang) : title),
      optionDescription(option) {
        const text = Help.prototype.optionDescription.call(this, option);
        return text.replace(/\(default: /, cliText('helpDefault', {}, lang));
      },
    })
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      outputError: (s, write) => write(commanderErrorText(s, lang)),
    })
    .showHelpAfterError(false);
}

/** « Erreur : … » in French, “Error: …” in English (no space before the colon). */
export const errorLine = (text: string, lang: Lang): string => cliText('error', { text }, lang);

/** One line on stderr, no stack trace; returns the exit code for the failure. */
export function reportFailure(err: unknown, lang: Lang = 'fr'): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    // commander has already printed its own one-line message for its parsing errors.
    if (!err.code.startsWith('commander.')) process.stderr.write(`${errorLine(err.message, lang)}\n`);
    return EXIT.unusable;
  }
  if (err instanceof FrameworkError) {
    process.stderr.write(`${printable(cliText('frameworkInvalid', { detail: err.text(lang) }, lang))}\n`);
    return EXIT.unusable;
  }
  if (err instanceof InputError) {
    process.stderr.write(`${printable(renderInputError(err, lang))}\n`);
    return EXIT.unusable;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${printable(errorLine(message.split('\n')[0]!, lang))}\n`);
  return EXIT.unusable;
}

/** Runs a command module's run(argv) when the file is executed directly. */
export function runAsMain(mod: NodeModule, run: (argv: string[]) => Promise<number> | number): void {
  if (require.main !== mod) return;
  if (BUNDLED) warnIfStale(langOf(process.argv.slice(2)));
  Promise.resolve()
    .then(() => run(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.exitCode = reportFailure(err);
      },
    );
}

/** Compiled, in a developer's clone: one line on stderr when a source changed after the build (npm run build:cli). */
function warnIfStale(lang: Lang): void {
  try {
    const file = newerSource(ROOT, statSync(__filename).mtimeMs);
    if (file) process.stderr.write(`${cliText('staleBuild', { file }, lang)}\n`);
  } catch {
    // A warning for developers never stops a command.
  }
}
