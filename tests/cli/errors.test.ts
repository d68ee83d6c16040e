/**
 * Every error the command lines translate into one line: exit 2, that line on stderr, no stack trace,
 * nothing on stdout, nothing written. The cases already covered in tests/merge/cli.test.ts,
 * tests/cli/validate.test.ts and tests/cli/templates.test.ts are not repeated here.
 * Under `--lang en` every line is English, commander's parsing errors and the argument checks included
 * (the language is read from argv before commander parses it).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { FrameworkError } from '../../core/framework/load';
import { frenchCommanderError, reportFailure } from '../../pipeline/cli/common';
import { run as mergeRun } from '../../pipeline/cli/merge';
import { run as templatesRun } from '../../pipeline/cli/templates';
import { run as validateRun } from '../../pipeline/cli/validate';
import { InputError } from '../../pipeline/read/input-error';
import { copyExamples, tempDir } from '../helpers/merge-fixtures';
import { runCli, STACK_LINE, type CliResult } from './capture';

const tmp = tempDir('cli-errors');
afterAll(() => tmp.remove());
const examples = path.join(tmp.dir, 'examples');
beforeAll(() => copyExamples(examples));

/** A fresh folder for the outputs of one case, to prove nothing was written there. */
function outDir(name: string): { dir: string; output: string } {
  const dir = path.join(tmp.dir, 'out', name);
  return { dir, output: path.join(dir, 'consolidation.xlsx') };
}

const merge = (...argv: string[]) => runCli(mergeRun, argv);
const validate = (...argv: string[]) => runCli(validateRun, argv);
const templates = (...argv: string[]) => runCli(templatesRun, argv);

/** Exit 2, exactly this one line on stderr (the last, for the merge's human account), nothing else broken. */
function expectOneLine(cli: CliResult, line: string | RegExp, where: 'only' | 'last' = 'only'): void {
  expect(cli.code).toBe(2);
  expect(cli.stderr.endsWith('\n')).toBe(true);
  const got = cli.stderr.trimEnd().split('\n');
  if (where === 'only') expect(got).toHaveLength(1);
  if (typeof line === 'string') expect(got.at(-1)).toBe(line);
  else expect(got.at(-1)).toMatch(line);
  expect(cli.stdout + cli.stderr).not.toMatch(STACK_LINE);
}

const missingFramework = () => path.join(tmp.dir, 'pas-de-cadre.json');

describe('merge', () => {
  test('an unknown option close to a real one: the hint, in French', async () => {
    const { dir, output } = outDir('hint');
    expectOneLine(
      await merge('--input', examples, '--output', output, '--outptu', 'x.xlsx'),
      'Erreur : option inconnue « --outptu » (vouliez-vous dire --output ?)',
    );
    expect(existsSync(dir)).toBe(false);
  });

  test('an option without its value', async () => {
    expectOneLine(
      await merge('--input', examples, '--output'),
      'Erreur : valeur manquante pour l’option « --output <file> »',
    );
  });

  test('an argument the merge does not take', async () => {
    const { dir, output } = outDir('extra');
    expectOneLine(await merge('--input', examples, '--output', output, 'bara.xlsx'), 'Erreur : trop d’arguments');
    expect(existsSync(dir)).toBe(false);
  });

  test.each(['0', '65', '1,5', 'tous'])('--workers %s', async (value) => {
    const { dir, output } = outDir(`workers-${value}`);
    expectOneLine(
      await merge('--input', examples, '--output', output, '--workers', value),
      `Erreur : --workers : nombre entier de 1 à 64 attendu, pas « ${value} »`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  test('--max-size: the exact line', async () => {
    expectOneLine(
      await merge('--input', examples, '--max-size', '-2'),
      'Erreur : --max-size : nombre de Mo attendu, pas « -2 »',
    );
  });

  test('a framework file that cannot be read, in fr and in en', async () => {
    const { dir, output } = outDir('framework');
    const file = missingFramework();
    expectOneLine(
      await merge('--input', examples, '--output', output, '--framework', file),
      `Cadre de résultats invalide – ${file} : lecture impossible (ENOENT) : vérifiez le chemin du fichier`,
    );
    expectOneLine(
      await merge('--input', examples, '--output', output, '--framework', file, '--lang', 'en'),
      `Invalid results framework – ${file}: cannot be read (ENOENT): check the file path`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  test('a framework file that breaks the schema: every problem on the one line', async () => {
    const file = path.join(tmp.dir, 'cadre-vide.json');
    writeFileSync(file, '{}');
    const cli = await merge('--input', examples, '--framework', file, '--lang', 'en');
    expectOneLine(
      cli,
      new RegExp(`^Invalid results framework – ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*; id: .*; communes: `),
    );
  });

  test('a missing input folder, in English', async () => {
    const { output } = outDir('missing-en');
    const missing = path.join(tmp.dir, 'no-folder');
    expectOneLine(
      await merge('--input', missing, '--output', output, '--lang', 'en'),
      `Error: input folder not found: ${missing}`,
    );
    expect(existsSync(output)).toBe(false);
  });

  test('an output over an input, in English', async () => {
    const dir = path.join(tmp.dir, 'clash-en');
    copyExamples(dir);
    const target = readdirSync(dir).find((f) => f.includes('_BAR_'))!;
    expectOneLine(
      await merge('--input', dir, '--output', path.join(dir, target), '--lang', 'en'),
      `Error: the output would be written over an input (${target}): choose another --output`,
    );
  });

  test('an output that is a folder: not replaced, in fr and en', async () => {
    const folder = path.join(tmp.dir, 'un-dossier.xlsx');
    mkdirSync(folder, { recursive: true });
    expectOneLine(
      await merge('--input', examples, '--output', folder),
      `Erreur : ${folder} n’est pas un fichier ordinaire (dossier) : il ne sera pas remplacé ; choisissez un autre chemin`,
    );
    expectOneLine(
      await merge('--input', examples, '--output', folder, '--lang', 'en'),
      `Error: ${folder} is not a regular file (folder): it will not be replaced; choose another path`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  test('--csv naming the --output file, in fr and en', async () => {
    const { dir, output } = outDir('csv-is-output');
    expectOneLine(
      await merge('--input', examples, '--output', output, '--csv', output),
      `Erreur : --csv et --output désignent le même fichier (${output}) : choisissez deux fichiers différents`,
    );
    expectOneLine(
      await merge('--input', examples, '--output', output, '--csv', output, '--lang', 'en'),
      `Error: --csv and --output name the same file (${output}): choose two different files`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  test('a folder with nothing usable, in English: the account, then the one line', async () => {
    const empty = path.join(tmp.dir, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'notes.txt'), 'rien');
    const { dir, output } = outDir('nothing');
    expectOneLine(
      await merge('--input', empty, '--output', output, '--lang', 'en'),
      `Error: no usable file in ${empty}: the consolidated workbook was not written`,
      'last',
    );
    expect(existsSync(dir)).toBe(false);
  });

  describe('under --lang en, argument errors in English', () => {
    test.each([
      ['an unknown option', ['--frobnicate'], 'Error: unknown option “--frobnicate”'],
      [
        'an unknown option close to a real one',
        ['--outptu', 'x'],
        'Error: unknown option “--outptu” (did you mean --output?)',
      ],
      [
        '--period 1999',
        ['--period', '1999'],
        /^Error: --period: “1999” is not a period of the framework \(2023, .*\)$/,
      ],
      ['--prefer oldest', ['--prefer', 'oldest'], 'Error: --prefer: only “latest” is possible, not “oldest”'],
      ['--max-size zero', ['--max-size', 'zero'], 'Error: --max-size: a number of MB expected, not “zero”'],
      ['--workers 0', ['--workers', '0'], 'Error: --workers: a whole number from 1 to 64 expected, not “0”'],
      ['--output x.txt', ['--output', 'x.txt'], 'Error: --output: an .xlsx file expected, not “x.txt”'],
      ['an extra argument', ['GNZ'], 'Error: too many arguments'],
    ])('%s', async (_label, args, line) => {
      const { dir, output } = outDir(`en-${args.join('')}`);
      const cli = await merge('--input', examples, '--output', output, '--lang', 'en', ...args);
      expectOneLine(cli, line);
      expect(existsSync(dir)).toBe(false);
    });

    test('--lang=en, given before or after the faulty option', async () => {
      expectOneLine(await merge('--frobnicate', '--lang=en'), 'Error: unknown option “--frobnicate”');
      expectOneLine(await merge('--lang=en', '--output'), 'Error: missing value for option “--output <file>”');
    });
  });
});

describe('validate', () => {
  test('no file, in English: the English usage line, behind an English « Error: »', async () => {
    const cli = await validate('--lang', 'en');
    expectOneLine(
      cli,
      'Error: validate: no file to check. Usage: npm run validate -- FILE.xlsx [FILE.xlsx…] [--lang en] [--json]',
    );
  });

  test('a framework file that cannot be read, in fr and in en', async () => {
    const file = missingFramework();
    expectOneLine(
      await validate('--framework', file, 'x.xlsx'),
      `Cadre de résultats invalide – ${file} : lecture impossible (ENOENT) : vérifiez le chemin du fichier`,
    );
    expectOneLine(
      await validate('--framework', file, '--lang', 'en', 'x.xlsx'),
      `Invalid results framework – ${file}: cannot be read (ENOENT): check the file path`,
    );
  });

  test('an option without its value', async () => {
    expectOneLine(
      await validate('x.xlsx', '--framework'),
      'Erreur : valeur manquante pour l’option « --framework <file> »',
    );
    expectOneLine(
      await validate('--lang', 'en', 'x.xlsx', '--framework'),
      'Error: missing value for option “--framework <file>”',
    );
  });

  test('--max-size that is not a positive number, in fr and en', async () => {
    expectOneLine(
      await validate('x.xlsx', '--max-size', '0'),
      'Erreur : --max-size : nombre de Mo positif attendu, pas « 0 »',
    );
    expectOneLine(
      await validate('--lang', 'en', 'x.xlsx', '--max-size', '0'),
      'Error: --max-size: a positive number of MB expected, not “0”',
    );
  });
});

describe('templates', () => {
  test('an unknown option, a missing value, an extra argument, an unreadable framework: one French line each', async () => {
    const out = path.join(tmp.dir, 'templates-out');
    expectOneLine(
      await templates('--out', out, '--periode', '2023'),
      'Erreur : option inconnue « --periode » (vouliez-vous dire --period ?)',
    );
    expectOneLine(await templates('--out'), 'Erreur : valeur manquante pour l’option « --out <dir> »');
    expectOneLine(await templates('--out', out, 'GNZ'), 'Erreur : trop d’arguments');
    expectOneLine(
      await templates('--out', out, '--framework', missingFramework()),
      `Cadre de résultats invalide – ${missingFramework()} : lecture impossible (ENOENT) : vérifiez le chemin du fichier`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('the translations themselves', () => {
  test('commander’s messages, each in French', () => {
    expect(frenchCommanderError("error: unknown option '--x'\n")).toBe('Erreur : option inconnue « --x »\n');
    expect(frenchCommanderError("error: unknown option '--outptu'\n(Did you mean --output?)")).toBe(
      'Erreur : option inconnue « --outptu » (vouliez-vous dire --output ?)\n',
    );
    expect(frenchCommanderError("error: option '--out <dir>' argument missing")).toBe(
      'Erreur : valeur manquante pour l’option « --out <dir> »\n',
    );
    expect(frenchCommanderError("error: option '--lang <fr|en>' argument 'de' is invalid. fr ou en attendu")).toBe(
      'Erreur : option « --lang <fr|en> » : fr ou en attendu\n',
    );
    expect(frenchCommanderError('error: too many arguments. Expected 0 arguments but got 1.')).toBe(
      'Erreur : trop d’arguments\n',
    );
    expect(frenchCommanderError("error: missing required argument 'fichier'")).toBe(
      'Erreur : argument obligatoire manquant : fichier\n',
    );
    // Anything else keeps commander's words behind the French « Erreur : ».
    expect(frenchCommanderError('error: something new')).toBe('Erreur : something new\n');
  });

  test('reportFailure: each kind of error, its one line and its exit code', () => {
    const said = (err: unknown, lang: 'fr' | 'en' = 'fr') => {
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const code = reportFailure(err, lang);
        return [code, spy.mock.calls.map((c) => String(c[0])).join('')];
      } finally {
        spy.mockRestore();
      }
    };
    // Help and version are not failures; commander's own errors are already printed.
    expect(said(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual([0, '']);
    expect(said(new CommanderError(1, 'commander.unknownOption', 'x'))).toEqual([2, '']);
    expect(said(new CommanderError(2, 'validate.noFiles', 'aucun fichier'))).toEqual([2, 'Erreur : aucun fichier\n']);
    expect(said(new CommanderError(2, 'validate.noFiles', 'no file'), 'en')).toEqual([2, 'Error: no file\n']);
    const broken = new FrameworkError('cadre.json', [
      { path: 'id', id: 'missing', params: { expected: 'string' } },
      { path: 'communes[1].code', id: 'duplicateCode', params: { code: 'GNZ' } },
    ]);
    expect(said(broken, 'en')).toEqual([
      2,
      'Invalid results framework – cadre.json: id: missing required value (expected text); communes[1].code: duplicate code GNZ\n',
    ]);
    expect(said(broken, 'fr')).toEqual([
      2,
      'Cadre de résultats invalide – cadre.json : id : valeur obligatoire manquante (texte attendu) ; communes[1].code : code GNZ en double\n',
    ]);
    expect(said(new InputError('bara.xlsx', 'missing', {}), 'fr')).toEqual([2, 'bara.xlsx : fichier introuvable\n']);
    expect(said(new InputError('bara.xlsx', 'missing', {}), 'en')).toEqual([2, 'bara.xlsx: file not found\n']);
    // Anything else: its first line only, never a stack trace; control characters made visible.
    expect(said(new Error('boom\n    at x (y.ts:1:1)'))).toEqual([2, 'Erreur : boom\n']);
    // English typography: no space before the colon.
    expect(said('plain', 'en')).toEqual([2, 'Error: plain\n']);
  });
});
