import { Command, CommanderError, Help, InvalidArgumentError } from 'commander';
import { FrameworkError } from '../../core/framework/load';
import type { Lang } from '../../core/messages';
import { InputError } from '../read/input-error';
import { printable } from './printable';
import { renderInputError } from './text';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, invalid: 1, unusable: 2 } as const;

export function parseLang(value: string): Lang {
  if (value !== 'fr' && value !== 'en') throw new InvalidArgumentError(`fr ou en attendu, pas « ${value} »`);
  return value;
}

/** commander's own parsing errors, said in French like every other message of the tools. */
const COMMANDER_ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/, (o, hint) => `option inconnue « ${o} »${hint ? ` (vouliez-vous dire ${hint} ?)` : ''}`],
  [/^error: option '([^']+)' argument missing/, (o) => `valeur manquante pour l’option « ${o} »`],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\.\s*(.*)/, (o, _v, why) => `option « ${o} » : ${why}`],
  [/^error: too many arguments.*/, () => 'trop d’arguments'],
  [/^error: missing required argument '([^']+)'/, (a) => `argument obligatoire manquant : ${a}`],
];

export function frenchCommanderError(text: string): string {
  const line = text.trim();
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = pattern.exec(line);
    if (m) return `Erreur : ${say(...m.slice(1).map((g) => g ?? ''))}\n`;
  }
  return `${line.replace(/^error: /, 'Erreur : ')}\n`;
}

/** commander's help headings and « (default: …) », in French like the rest of the tools. */
const HELP_TITLES: Record<string, string> = { 'Usage:': 'Utilisation :', 'Options:': 'Options :', 'Arguments:': 'Arguments :', 'Commands:': 'Commandes :' };

/** A commander program that throws instead of exiting, so run(argv) can return the exit code. */
export function program(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .helpOption('-h, --help', 'affiche cette aide')
    .configureHelp({
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      optionDescription(option) {
        const text = Help.prototype.optionDescription.call(this, option);
        return text.replace(/\(default: /, '(par défaut : ');
      },
    })
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      outputError: (s, write) => write(frenchCommanderError(s)),
    })
    .showHelpAfterError(false);
}

/** « Erreur : » in French, « Error: » in English (no space before the colon). */
const errorPrefix = (lang: Lang): string => (lang === 'fr' ? 'Erreur : ' : 'Error: ');

/** One line on stderr, no stack trace; returns the exit code for the failure. */
export function reportFailure(err: unknown, lang: Lang = 'fr'): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    // commander has already printed its own one-line message for its parsing errors.
    if (!err.code.startsWith('commander.')) process.stderr.write(`${errorPrefix(lang)}${err.message}\n`);
    return EXIT.unusable;
  }
  if (err instanceof FrameworkError) {
    process.stderr.write(`${lang === 'fr' ? 'Cadre de résultats invalide' : 'Invalid results framework'} – ${err.message}\n`);
    return EXIT.unusable;
  }
  if (err instanceof InputError) {
    process.stderr.write(`${printable(renderInputError(err, lang))}\n`);
    return EXIT.unusable;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${printable(`${errorPrefix(lang)}${message.split('\n')[0]}`)}\n`);
  return EXIT.unusable;
}

/** Runs a command module's run(argv) when the file is executed directly. */
export function runAsMain(mod: NodeModule, run: (argv: string[]) => Promise<number>): void {
  if (require.main !== mod) return;
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = reportFailure(err);
    },
  );
}
