import { Command, CommanderError } from 'commander';
import { FrameworkError } from '../../core/framework/load';
import type { Lang } from '../../core/messages';
import { InputError } from '../read/input-error';
import { renderInputError } from './text';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, invalid: 1, unusable: 2 } as const;

export function parseLang(value: string): Lang {
  if (value !== 'fr' && value !== 'en') throw new CommanderError(2, 'lang', `--lang: fr ou en attendu, pas « ${value} »`);
  return value;
}

/** A commander program that throws instead of exiting, so run(argv) can return the exit code. */
export function program(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError(false);
}

/** One line on stderr, no stack trace; returns the exit code for the failure. */
export function reportFailure(err: unknown, lang: Lang = 'fr'): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    // commander has already printed its own one-line message for its parsing errors.
    if (!err.code.startsWith('commander.')) process.stderr.write(`${err.message}\n`);
    return EXIT.unusable;
  }
  if (err instanceof FrameworkError) {
    process.stderr.write(`${lang === 'fr' ? 'Cadre de résultats invalide' : 'Invalid results framework'} – ${err.message}\n`);
    return EXIT.unusable;
  }
  if (err instanceof InputError) {
    process.stderr.write(`${renderInputError(err, lang)}\n`);
    return EXIT.unusable;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${lang === 'fr' ? 'Erreur' : 'Error'} : ${message.split('\n')[0]}\n`);
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
