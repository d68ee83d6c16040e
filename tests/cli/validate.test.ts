/** `npm run validate`, run in-process through run(argv), on real files. */
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderIssue, severityLabel } from '../../core/messages';
import { run } from '../../pipeline/cli/validate';
import { fileFailure, type JsonReport } from '../../pipeline/cli/print-report';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import {
  applyEdits,
  FIXTURES_DIR,
  issueKey,
  loadSeededCases,
  sha256,
  tempDir,
  writeExample,
} from '../fixtures/workbooks';
import { escapeRegExp, lines, runCli, STACK_LINE } from './capture';

const framework = loadFrameworkFile();
const tmp = tempDir('cli');
const good = path.join(tmp.dir, 'GNZ-2023.xlsx');
const blank = path.join(tmp.dir, 'GNZ-2023-realise-vide.xlsx');
const cli = (...argv: string[]) => runCli(run, argv);

beforeAll(async () => {
  await writeExample(framework, 'GNZ', '2023', good);
  await applyEdits(good, [{ sheet: 'Indicateurs', address: 'F2', value: null }], blank);
});
afterAll(() => tmp.remove());

/** A fixture folder: one input file and its expected.json. */
interface Fixture {
  name: string;
  file: string;
  expected: { code?: string; reason?: string; valid?: boolean };
}

const FIXTURES: Fixture[] = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(FIXTURES_DIR, d.name, 'expected.json')))
  .map((d) => {
    const dir = path.join(FIXTURES_DIR, d.name);
    const input = readdirSync(dir).filter((f) => f !== 'expected.json');
    if (input.length !== 1) throw new Error(`${dir}: one input file expected, found ${input.join(', ')}`);
    return {
      name: d.name,
      file: path.join(dir, input[0]!),
      expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Fixture['expected'],
    };
  });
const UNUSABLE = FIXTURES.filter((f) => f.expected.code !== undefined);

describe('a correct workbook', () => {
  test('exits 0 and says so, with its commune and period', async () => {
    const result = await cli(good);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      good,
      '  Aucun problème trouvé.',
      '  Bilan : valide – 0 erreur, 0 avertissement – commune Gounzourèye (GNZ), période 2023 – 40/40 cellules remplies',
    ]);
  });

  test('a macro-enabled workbook (.xlsm) is read like any other, its macros ignored', async () => {
    const xlsm = FIXTURES.find((f) => f.name === 'macro-workbook')!;
    expect(path.extname(xlsm.file)).toBe('.xlsm');
    const result = await cli(xlsm.file);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Aucun problème trouvé.');
  });
});

describe('a workbook with a mistake', () => {
  test('exits 1 and names the file, the cell and the problem in French', async () => {
    const result = await cli(blank);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout)).toEqual([
      blank,
      '  Indicateurs',
      '    Erreur  Indicateurs!F2  R1.1.1 : « Réalisé » est vide. Une activité non réalisée se saisit 0.',
      '  Bilan : non valide – 1 erreur, 0 avertissement – commune Gounzourèye (GNZ), période 2023 – 39/40 cellules remplies',
    ]);
  });

  test('--lang en prints the same report in English', async () => {
    const result = await cli(blank, '--lang', 'en');
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      blank,
      '  Indicateurs',
      '    Error  Indicateurs!F2  R1.1.1: “Réalisé” is empty. An activity not carried out is entered as 0.',
      '  Summary: not valid – 1 error, 0 warnings – commune Gounzourèye (GNZ), period 2023 – 39/40 cells filled',
    ]);
  });

  test('several files: each report in turn, then the totals', async () => {
    const result = await cli(good, blank);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out.indexOf(good)).toBeLessThan(out.indexOf(blank));
    expect(out.at(-1)).toBe('2 fichiers : 1 valide, 1 avec des erreurs, 0 inutilisable.');
  });
});

describe('--json', () => {
  test('prints a machine report on stdout, issues with their rendered message', async () => {
    const result = await cli('--json', blank, good);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report).toEqual({
      valid: false,
      files: [
        {
          file: blank,
          valid: false,
          stats: { errors: 1, warnings: 0, acknowledged: 0, inputs: 40, filled: 39 },
          commune: 'GNZ',
          period: '2023',
          issues: [
            {
              ruleId: 'required-value',
              severity: 'error',
              sheet: 'Indicateurs',
              row: 2,
              column: 6,
              address: 'F2',
              messageId: 'missingNumber',
              params: { field: 'Réalisé', code: 'R1.1.1' },
              message: 'R1.1.1 : « Réalisé » est vide. Une activité non réalisée se saisit 0.',
            },
          ],
        },
        {
          file: good,
          valid: true,
          stats: { errors: 0, warnings: 0, acknowledged: 0, inputs: 40, filled: 40 },
          commune: 'GNZ',
          period: '2023',
          issues: [],
        },
      ],
    });
  });

  test('an unusable file is an entry with its error, and stdout stays valid JSON', async () => {
    const missing = path.join(tmp.dir, 'absent.xlsx');
    const result = await cli('--json', '--lang', 'en', good, missing);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.valid).toBe(false);
    expect(report.files[0]).toMatchObject({ file: good, valid: true });
    expect(report.files[1]).toEqual({ file: missing, error: { code: 'missing', message: 'file not found' } });
    expect(lines(result.stderr)).toEqual([`${missing}: file not found`]);
  });
});

describe('seeded mistakes through the command line', () => {
  const cases = loadSeededCases();

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (name, seeded) => {
    const example = path.join(tmp.dir, `${name}.example.xlsx`);
    const file = path.join(tmp.dir, `${name}.xlsx`);
    await writeExample(framework, seeded.commune, seeded.period, example);
    await applyEdits(example, seeded.edits, file);
    const hasError = seeded.expected.some((e) => e.severity === 'error');

    const json = await cli('--json', file);
    expect(json.code).toBe(hasError ? 1 : 0);
    const [entry] = (JSON.parse(json.stdout) as JsonReport).files;
    if (!entry || !('issues' in entry)) throw new Error('expected a report');
    expect(entry.issues.map(issueKey)).toEqual(seeded.expected);

    // The text report shows each of them: severity, Sheet!Cell, and the French message.
    const text = await cli(file);
    expect(text.code).toBe(json.code);
    expect(text.stdout.startsWith(`${file}\n`)).toBe(true);
    for (const issue of entry.issues) {
      expect(issue.message).toBe(renderIssue(issue, 'fr'));
      const place = issue.sheet === null ? 'classeur' : `${issue.sheet}!${issue.address}`;
      const line = new RegExp(
        `^    ${escapeRegExp(severityLabel(issue.severity, 'fr'))} +${escapeRegExp(place)} +${escapeRegExp(issue.message)}$`,
        'm',
      );
      expect(text.stdout).toMatch(line);
    }
  });
});

describe('files that cannot be used', () => {
  test('the fixtures cover every way a file can be unusable', () => {
    expect(UNUSABLE.map((f) => f.expected.code).sort()).toEqual(
      expect.arrayContaining(['corrupt', 'encrypted', 'notWorkbook', 'zipBomb', 'xls', 'ods', 'csvSheet']),
    );
  });

  test.each(UNUSABLE.map((f) => [f.name, f] as const))(
    '%s: exit 2, one French line naming it, the good file still checked',
    async (_, fixture) => {
      const before = [sha256(fixture.file), sha256(good)];
      const result = await cli(fixture.file, good);
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([expect.stringContaining(`${fixture.file} : ${fixture.expected.reason!}`)]);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stdout).not.toMatch(STACK_LINE);
      // The other file of the same call is still reported in full.
      expect(result.stdout).toContain(`${good}\n  Aucun problème trouvé.`);
      expect(lines(result.stdout).at(-1)).toBe('2 fichiers : 1 valide, 0 avec des erreurs, 1 inutilisable.');
      expect([sha256(fixture.file), sha256(good)]).toEqual(before);
    },
  );

  test('the reason is in English with --lang en', async () => {
    const encrypted = UNUSABLE.find((f) => f.expected.code === 'encrypted')!;
    const result = await cli('--lang', 'en', encrypted.file);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `${encrypted.file}: password-protected workbook: open it, remove the password (File › Info › Protect Workbook) and save it`,
    ]);
    const xls = UNUSABLE.find((f) => f.expected.code === 'xls')!;
    expect(lines((await cli('--lang', 'en', xls.file)).stderr)).toEqual([
      `${xls.file}: workbook in the .xls format (Excel 97-2003): open it, then File › Save As › Excel Workbook (.xlsx), and send the .xlsx file`,
    ]);
  });

  test('a missing file', async () => {
    const missing = path.join(tmp.dir, 'nulle-part.xlsx');
    const result = await cli(missing, good);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([`${missing} : fichier introuvable`]);
    expect(result.stdout).toContain(good);
  });

  test('a folder given as a file', async () => {
    const result = await cli(tmp.dir);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `${tmp.dir} : ce n’est pas un fichier (dossier) : indiquez le classeur .xlsx lui-même`,
    ]);
  });

  test('--max-size: a larger file is refused with its size and the limit', async () => {
    const result = await cli('--max-size', '0.01', good);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`^${escapeRegExp(good)} : fichier trop volumineux \\(0,\\d\\d Mo, au plus 0,01 Mo\\)$`),
      ),
    ]);
    expect(result.stderr).not.toContain('au plus 0 Mo');
    // A generous limit accepts it.
    expect((await cli('--max-size', '5', good)).code).toBe(0);
  });

  test('an unexpected failure is still one line naming the file, without a stack trace', () => {
    const failure = fileFailure('x.xlsx', new TypeError('boom\n    at somewhere (file.ts:1:1)'), 'fr');
    expect(failure.code).toBe('internal');
    expect(failure.line).toBe(
      'x.xlsx : erreur interne pendant le contrôle (boom) : signalez-la au responsable suivi-évaluation',
    );
    expect(failure.line).not.toMatch(STACK_LINE);
  });
});

describe('arguments', () => {
  test('no file → 2 with a French usage line', async () => {
    const result = await cli();
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^Erreur : validate : aucun fichier à contrôler\. Usage : npm run validate -- FICHIER\.xlsx/,
      ),
    ]);
    expect(result.stdout).toBe('');
  });

  test('an unknown option → 2, one line', async () => {
    const result = await cli('--frobnicate', good);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual(['Erreur : option inconnue « --frobnicate »']);
    expect(result.stdout).toBe('');
  });

  test('a bad --lang → 2', async () => {
    const result = await cli('--lang', 'de', good);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual(['Erreur : option « --lang <lang> » : fr ou en attendu, pas « de »']);
  });

  test('a bad --max-size → 2', async () => {
    for (const value of ['0', '-3', 'beaucoup']) {
      const result = await cli('--max-size', value, good);
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([`Erreur : --max-size : nombre de Mo positif attendu, pas « ${value} »`]);
    }
  });

  test('--framework: an unusable framework file → 2, naming it', async () => {
    const broken = path.join(tmp.dir, 'cadre.json');
    writeFileSync(broken, '{ "id": ');
    const result = await cli('--framework', broken, good);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`^Cadre de résultats invalide – ${escapeRegExp(broken)} : ce n’est pas du JSON valide`),
      ),
    ]);
  });

  test('--framework: another valid framework file is used', async () => {
    const copy = path.join(tmp.dir, 'cadre-copie.json');
    writeFileSync(copy, JSON.stringify({ ...framework, id: 'autre-cadre' }));
    const result = await cli('--framework', copy, good);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'Ce modèle appartient à un autre cadre de résultats (ensemble-gao, attendu : autre-cadre).',
    );
  });

  test('--help → 0, on stdout', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--max-size <mo>');
  });
});

test('validating never modifies the input file', async () => {
  const before = [sha256(good), sha256(blank)];
  await cli(good, blank);
  await cli('--json', good, blank);
  expect([sha256(good), sha256(blank)]).toEqual(before);
});
