/**
 * A folder as it arrives from the field: a truncated workbook, a text file renamed .xlsx, Excel's lock
 * file, a hidden file and a PDF next to the good workbooks. The bad ones are refused by name with a
 * one-line French reason, the stray ones listed as ignored, the good ones merged; `--strict` writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  bundledExample,
  COMMUNES,
  copyExamples,
  dataTable,
  hashFolder,
  mergeCli,
  mergeJson,
  pointsPerReport,
  readWorkbook,
  records,
  sheet,
  STACK_LINE,
  synthesisCommunes,
  tempDir,
  truncateToHalf,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-bad');
afterAll(() => tmp.remove());

const CORRUPT = 'ensemble-gao_BAR_Bara_2023.xlsx';
const RENAMED = 'rapport Ansongo.xlsx';
const LOCK = '~$ensemble-gao_GNZ_Gounzoureye_2023.xlsx';
const HIDDEN = '.ensemble-gao_SAL_copie.xlsx';
const PDF = 'fiche-projet.pdf';

/** The three good examples (Gounzourèye, Soni Aliber, Ansongo) and the five bad or stray files. */
function field(name: string): string {
  const dir = path.join(tmp.dir, name);
  copyExamples(dir, ['BAR']);
  truncateToHalf(bundledExample('BAR'), path.join(dir, CORRUPT));
  writeFileSync(path.join(dir, RENAMED), 'Réalisé R1.1.1 : 25\nRéalisé R1.1.2 : 25\n', 'utf8');
  writeFileSync(path.join(dir, LOCK), Buffer.from([0x0b, 0x41, 0x6d, 0x69, 0x6e, 0x61, 0x74, 0x61, 0x20, 0x20]));
  writeFileSync(path.join(dir, HIDDEN), 'PK\u0003\u0004 not really');
  writeFileSync(path.join(dir, PDF), '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
  return dir;
}

describe('bad and stray files next to good ones', () => {
  let input: string;
  beforeAll(() => {
    input = field('mixed');
  });

  test('exit 1; the corrupt files refused by name with a one-line French reason; the rest ignored; the good ones merged', async () => {
    const before = hashFolder(input);
    const output = path.join(tmp.dir, 'mixed.xlsx');
    const cli = await mergeCli(['--input', input, '--output', output]);
    expect(cli.code).toBe(1);
    expect(cli.stdout + cli.stderr).not.toMatch(STACK_LINE);

    const lines = cli.stdout.split('\n');
    const lineOf = (file: string) => {
      const found = lines.filter((l) => l.includes(file));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    // An unreadable file's commune and period are those its name tells (as its feedback says).
    expect(lineOf(CORRUPT)).toMatch(
      /^✗ refusé\s+ensemble-gao_BAR_Bara_2023\.xlsx \(Bara, 2023\) : inutilisable : classeur endommagé ou tronqué/,
    );
    expect(lineOf(RENAMED)).toBe(
      `✗ refusé   ${RENAMED} (Ansongo) : inutilisable : ce n’est pas un classeur Excel (.xlsx ou .xlsm)`,
    );
    expect(lineOf(LOCK)).toBe(`– ignoré   ${LOCK} : fichier de verrouillage d’Excel ou de LibreOffice`);
    expect(lineOf(HIDDEN)).toBe(`– ignoré   ${HIDDEN} : fichier ou dossier caché`);
    expect(lineOf(PDF)).toBe(`– ignoré   ${PDF} : ni .xlsx, ni .xlsm, ni .csv`);
    expect(cli.stdout).toContain('8 fichier(s) : 3 accepté(s), 2 refusé(s), 3 ignoré(s), 0 écarté(s).');
    expect(cli.stdout).toContain('Non reçu : Bara : 2023 non reçu (fichier refusé).');

    const workbook = await readWorkbook(output);
    const sources = records(sheet(workbook, 'Sources'), 1);
    // Files first; then the commune-periods no accepted file covers (no file name).
    const byFile = new Map(
      sources.filter((r) => r.value('Fichier') !== null).map((r) => [String(r.value('Fichier')), r]),
    );
    expect([...byFile.keys()].sort()).toEqual(readdirSync(input).sort());
    expect(byFile.get(CORRUPT)!.value('Statut')).toBe('refusé');
    expect(byFile.get(RENAMED)!.value('Statut')).toBe('refusé');
    for (const f of [LOCK, HIDDEN, PDF]) expect([f, byFile.get(f)!.value('Statut')]).toEqual([f, 'ignoré']);
    for (const f of [CORRUPT, RENAMED]) {
      const reason = String(byFile.get(f)!.value('Motif'));
      expect(reason).toMatch(/^inutilisable : /);
      expect(reason).not.toContain('\n');
    }
    // A refused file is still fingerprinted; an ignored one is not read.
    expect(byFile.get(CORRUPT)!.value('SHA-256')).toBe(before.get(CORRUPT));
    expect(byFile.get(PDF)!.value('SHA-256')).toBeNull();

    expect(dataTable(workbook)).toHaveLength(3 * pointsPerReport());
    const communes = synthesisCommunes(sheet(workbook, 'Synthèse'));
    expect([...communes.values()].map((c) => c.status)).toEqual(
      COMMUNES.map((c) => (c === 'BAR' ? 'non reçu' : 'reçu')),
    );
    // Nothing in the input folder was touched, nothing left behind.
    expect(hashFolder(input)).toEqual(before);
  });

  test('--json: each refused file has one error issue whose message is one line', async () => {
    const { cli, summary } = await mergeJson(['--input', input, '--output', path.join(tmp.dir, 'mixed-json.xlsx')]);
    expect(cli.code).toBe(1);
    for (const file of [CORRUPT, RENAMED]) {
      const issues = summary.issues.filter((i) => i.file === file);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ ruleId: 'unusable-file', severity: 'error' });
      expect(issues[0]!.message).not.toMatch(/\n|Error|at /);
    }
    expect(
      summary.sources
        .filter((s) => s.status === 'skipped')
        .map((s) => s.file)
        .sort(),
    ).toEqual([HIDDEN, PDF, LOCK].sort());
  });

  test('--strict: nothing is written, exit 1, the reason on stderr', async () => {
    const outDir = path.join(tmp.dir, 'strict-out');
    mkdirSync(outDir);
    const output = path.join(outDir, 'consolidation.xlsx');
    const csv = path.join(outDir, 'donnees.csv');
    const cli = await mergeCli(['--input', input, '--output', output, '--csv', csv, '--strict']);
    expect(cli.code).toBe(1);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(csv)).toBe(false);
    expect(readdirSync(outDir)).toEqual([]);
    expect(cli.stderr.trim()).toBe(
      'Erreur : --strict : au moins un fichier a été refusé, le classeur consolidé n’a pas été écrit',
    );
    expect(cli.stdout).not.toContain('Classeur consolidé');
  });
});

test('--strict with only good files (and stray ones) still writes: ignoring is not refusing', async () => {
  const dir = path.join(tmp.dir, 'strict-ok');
  copyExamples(dir);
  writeFileSync(path.join(dir, PDF), '%PDF-1.4\n');
  writeFileSync(path.join(dir, LOCK), 'x');
  const output = path.join(tmp.dir, 'strict-ok.xlsx');
  const cli = await mergeCli(['--input', dir, '--output', output, '--strict']);
  expect(cli.code).toBe(0);
  expect(existsSync(output)).toBe(true);
});

test('a folder of nothing usable: exit 2, nothing written, one line on stderr', async () => {
  const dir = path.join(tmp.dir, 'nothing');
  mkdirSync(dir);
  truncateToHalf(bundledExample('GNZ'), path.join(dir, 'gnz.xlsx'));
  writeFileSync(path.join(dir, PDF), '%PDF-1.4\n');
  const output = path.join(tmp.dir, 'nothing.xlsx');
  const cli = await mergeCli(['--input', dir, '--output', output]);
  expect(cli.code).toBe(2);
  expect(existsSync(output)).toBe(false);
  expect(cli.stderr.trim().split('\n')).toEqual([
    `Erreur : aucun fichier utilisable dans ${dir} : le classeur consolidé n’a pas été écrit`,
  ]);
});
