/**
 * Nothing is dropped silently: what the mapping does not cover, a refused file, a commune that sent
 * nothing and an empty cell are each listed with why, in the console (fr/en) and under `dhis2` in
 * `--json`; every number of the consolidation is either sent or listed. The coordinators' comments go
 * with their Total. The export never lands on an input, the mapping or the folder read.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dhis2Export } from '../../core/exports/dhis2-values';
import { merge } from '../../pipeline/merge/merge';
import { runDhis2 } from '../../pipeline/cli/dhis2';
import { loadDhis2Mapping } from '../../pipeline/read/dhis2-mapping';
import { BUNDLED_EXAMPLES, copyExamples, framework, mergeCli, tempDir, writeCommune } from '../helpers/merge-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'templates', 'dhis2-mapping.exemple.json');
const EXAMPLE_VALUES = 160;

interface Sample {
  orgUnits: Record<string, string>;
  indicators: Record<string, { Femmes?: unknown }>;
}
interface DataValue {
  dataElement: string;
  orgUnit: string;
  categoryOptionCombo: string;
  value: string;
  comment?: string;
}
interface Dhis2Summary {
  written: number;
  notWritten: { code: string; disaggregation: string; commune: string; reason: string; reasonText: string }[];
  notWrittenByReason: Record<string, number>;
  leftOutFiles: { file: string; reason: string; reasonText: string }[];
  notReceived: { commune: string; period: string; state: string }[];
  error: string | null;
}

const tmp = tempDir('dhis2-left-out');
afterAll(() => tmp.remove());

/** The sample without R1.1.1's Femmes and without Bara's organisation unit. */
function trimmedMapping(): string {
  const m = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Sample;
  delete m.indicators['R1.1.1']!.Femmes;
  delete m.orgUnits.BAR;
  const file = path.join(tmp.dir, 'trimmed.json');
  writeFileSync(file, JSON.stringify(m));
  return file;
}

async function run(name: string, argv: string[], mapping = SAMPLE) {
  const dhis2 = path.join(tmp.dir, 'out', `${name}.json`);
  const cli = await mergeCli([
    '--output',
    path.join(tmp.dir, 'out', `${name}.xlsx`),
    '--dhis2',
    dhis2,
    '--dhis2-mapping',
    mapping,
    ...argv,
  ]);
  const values = existsSync(dhis2)
    ? (JSON.parse(readFileSync(dhis2, 'utf8')) as { dataValues: DataValue[] }).dataValues
    : null;
  return { cli, dhis2, values };
}

describe('what the mapping does not cover', () => {
  test('--json lists each value not sent with its reason; sent + listed = every number', async () => {
    const { cli, values } = await run('trimmed', ['--input', BUNDLED_EXAMPLES, '--json'], trimmedMapping());
    expect(cli.code).toBe(0);
    const { dhis2 } = JSON.parse(cli.stdout) as { dhis2: Dhis2Summary };
    // R1.1.1 Femmes in four communes (Bara's counted there), then the rest of Bara's 40 numbers.
    expect(dhis2.notWrittenByReason).toEqual({ itemNotMapped: 4, communeNotMapped: 39 });
    expect(dhis2.written).toBe(EXAMPLE_VALUES - 43);
    expect(dhis2.written + dhis2.notWritten.length).toBe(EXAMPLE_VALUES);
    expect(values).toHaveLength(dhis2.written);
    expect(
      dhis2.notWritten.filter((n) => n.reason === 'itemNotMapped').map((n) => [n.code, n.disaggregation, n.commune]),
    ).toEqual(
      ['ANS', 'BAR', 'GNZ', 'SAL'].map((c) => ['R1.1.1', 'women', c]).sort((a, b) => a[2]!.localeCompare(b[2]!)),
    );
    expect(dhis2.notWritten.find((n) => n.reason === 'communeNotMapped')?.reasonText).toBe(
      'commune sans unité d’organisation',
    );
    expect(values!.some((v) => v.orgUnit === 'ouBARXXXXXX')).toBe(false);
    expect(values!.some((v) => v.dataElement === 'deR111XXXXX' && v.categoryOptionCombo === 'cocFemmesXX')).toBe(false);
  }, 60_000);

  test('the console says how many were written and which were not, in French and in English', async () => {
    const mapping = trimmedMapping();
    const fr = await run('trimmed-fr', ['--input', BUNDLED_EXAMPLES], mapping);
    expect(fr.cli.stdout).toContain(`DHIS2 : 117 valeur(s) écrite(s) dans ${fr.dhis2}`);
    expect(fr.cli.stdout).toContain(
      'DHIS2, non envoyé : 43 valeur(s) – indicateur ou ventilation sans correspondance : 4, commune sans unité d’organisation : 39.',
    );
    expect(fr.cli.stdout).toContain('DHIS2, codes sans correspondance : R1.1.1 Femmes, Bara.');
    const en = await run('trimmed-en', ['--input', BUNDLED_EXAMPLES, '--lang', 'en'], mapping);
    expect(en.cli.stdout).toContain(`DHIS2: 117 value(s) written to ${en.dhis2}`);
    expect(en.cli.stdout).toContain(
      'DHIS2, not sent: 43 value(s) – indicator or disaggregation with no mapping: 4, commune with no organisation unit: 39.',
    );
  }, 60_000);

  test('an empty cell is listed as such, not sent as 0', async () => {
    const result = await merge({
      input: BUNDLED_EXAMPLES,
      output: path.join(tmp.dir, 'out', 'empty.xlsx'),
      framework,
      lang: 'fr',
      workers: 1,
    });
    const model = result.model!;
    const emptied = { ...model, data: model.data.map((r, i) => (i === 0 ? { ...r, achieved: null } : r)) };
    const exported = dhis2Export(emptied, loadDhis2Mapping(SAMPLE, framework), result.sources);
    expect(exported.dataValues).toHaveLength(EXAMPLE_VALUES - 1);
    expect(exported.notWritten).toEqual([
      expect.objectContaining({ code: model.data[0]!.code, reason: 'noValue', value: null }),
    ]);
  }, 60_000);
});

test('a period whose dates fit no DHIS2 period: listed, until the mapping names one', async () => {
  const result = await merge({
    input: BUNDLED_EXAMPLES,
    output: path.join(tmp.dir, 'out', 'odd-period.xlsx'),
    framework,
    lang: 'fr',
    workers: 1,
  });
  const model = result.model!;
  // The project's year counted from mid-January: no DHIS2 period has these dates.
  const odd = {
    ...model,
    framework: {
      ...framework,
      periods: framework.periods.map((p) => ({ ...p, start: p.start.replace('-01-01', '-01-15') })),
    },
  };
  const mapping = loadDhis2Mapping(SAMPLE, framework);
  const unmapped = dhis2Export(odd, mapping, result.sources);
  expect(unmapped.dataValues).toEqual([]);
  expect(new Set(unmapped.notWritten.map((n) => [n.reason, n.period].join(' ')))).toEqual(
    new Set(['periodNotMapped 2023']),
  );
  expect(unmapped.notWritten).toHaveLength(EXAMPLE_VALUES);
  const named = dhis2Export(odd, { ...mapping, periods: { '2023': '2023' } }, result.sources);
  expect(named.dataValues).toHaveLength(EXAMPLE_VALUES);
  expect(named.notWritten).toEqual([]);
}, 60_000);

describe('only accepted data', () => {
  test('a refused file: none of its numbers sent, the file and the commune said', async () => {
    const input = path.join(tmp.dir, 'refused');
    copyExamples(input, ['BAR']);
    const bad = await writeCommune(input, 'BAR', { fill: { 'indicators:R1.1.1:achieved': 'beaucoup' } });
    const { cli, values } = await run('refused', ['--input', input, '--json']);
    expect(cli.code).toBe(1);
    const { dhis2 } = JSON.parse(cli.stdout) as { dhis2: Dhis2Summary };
    expect(dhis2.leftOutFiles).toEqual([
      { file: path.basename(bad), commune: 'BAR', period: '2023', reason: 'rejected', reasonText: 'fichier refusé' },
    ]);
    expect(dhis2.notReceived).toEqual([{ commune: 'BAR', period: '2023', state: 'rejected' }]);
    expect(dhis2.written).toBe(EXAMPLE_VALUES - 40);
    expect(values!.some((v) => v.orgUnit === 'ouBARXXXXXX')).toBe(false);

    const human = await run('refused-fr', ['--input', input]);
    expect(human.cli.stdout).toContain(`DHIS2, fichiers laissés de côté : ${path.basename(bad)} (fichier refusé).`);
    expect(human.cli.stdout).toContain('DHIS2, rien envoyé pour : Bara 2023 (non reçu).');
  }, 60_000);

  test('a coordinator’s comment goes with its Total, not with Femmes or Hommes', async () => {
    const input = path.join(tmp.dir, 'comment');
    copyExamples(input, ['GNZ']);
    await writeCommune(input, 'GNZ', {
      fill: {
        'indicators:R1.1.1:achieved': 20,
        'indicators:R1.1.1:women': 10,
        'indicators:R1.1.1:men': 10,
        'indicators:R1.1.1:comment': 'Formation reportée, « crue » du fleuve',
      },
    });
    const { cli, values } = await run('comment', ['--input', input]);
    expect(cli.code).toBe(0);
    const gnz = values!.filter((v) => v.orgUnit === 'ouGNZXXXXXX' && v.comment !== undefined);
    expect(gnz).toEqual([
      expect.objectContaining({
        dataElement: 'dtR111XXXXX',
        value: '20',
        comment: 'Formation reportée, « crue » du fleuve',
      }),
    ]);
  }, 60_000);
});

describe('where the export may go', () => {
  const input = path.join(tmp.dir, 'where');
  beforeAll(() => copyExamples(input));

  test.each([
    ['inside the folder read', () => path.join(input, 'dhis2.json'), SAMPLE, /est dans le dossier lu/],
    ['over the mapping file', () => SAMPLE, SAMPLE, /écraserait .*dhis2-mapping\.exemple\.json/],
    ['not a .json name', () => path.join(tmp.dir, 'dhis2.txt'), SAMPLE, /donnez un nom de fichier en \.json/],
    ['without a mapping', () => path.join(tmp.dir, 'x.json'), null, /--dhis2 demande --dhis2-mapping/],
  ])('%s: refused on one line before anything is read or written', async (_case, file, mapping, expected) => {
    const output = path.join(tmp.dir, 'where.xlsx');
    const before = readFileSync(SAMPLE, 'utf8');
    const cli = await mergeCli([
      '--input',
      input,
      '--output',
      output,
      '--dhis2',
      file(),
      ...(mapping ? ['--dhis2-mapping', mapping] : []),
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^Erreur : /);
    expect(cli.stderr).toMatch(expected);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(output)).toBe(false);
    expect(readFileSync(SAMPLE, 'utf8')).toBe(before);
  });

  test('a folder where the CSV would go: refused, the folder left alone', async () => {
    const dir = path.join(tmp.dir, 'taken');
    mkdirSync(path.join(dir, 'dhis2.csv'), { recursive: true });
    const cli = await mergeCli([
      '--input',
      input,
      '--output',
      path.join(tmp.dir, 'taken.xlsx'),
      '--dhis2',
      path.join(dir, 'dhis2.json'),
      '--dhis2-mapping',
      SAMPLE,
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/dhis2\.csv » n’est pas un fichier ordinaire \(dossier\)/);
  });

  test('--dhis2-mapping alone is refused', async () => {
    const cli = await mergeCli(['--input', input, '--dhis2-mapping', SAMPLE]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/--dhis2-mapping ne sert qu’avec --dhis2/);
  });
});

describe('a write that fails', () => {
  test('neither file is left to pass for this run’s, and the reason is said', async () => {
    const dir = path.join(tmp.dir, 'fails');
    const result = await merge({
      input: BUNDLED_EXAMPLES,
      output: path.join(dir, 'c.xlsx'),
      framework,
      lang: 'fr',
      workers: 1,
    });
    const file = path.join(dir, 'dhis2.json');
    writeFileSync(file, 'last run');
    // The CSV's place taken by a folder after the checks: its rename fails.
    mkdirSync(path.join(dir, 'dhis2.csv', 'inside'), { recursive: true });
    const report = await runDhis2({ file, mapping: loadDhis2Mapping(SAMPLE, framework) }, result, 'fr');
    expect(report.written).toBe(0);
    expect(report.error).toBe(
      `écriture de l’export DHIS2 ${file} impossible : ${path.join(dir, 'dhis2.csv')} est un dossier, pas un fichier : renommez-le ou choisissez un autre nom pour --dhis2 ; aucun fichier DHIS2 n’a été écrit`,
    );
    expect(existsSync(file)).toBe(false);
  }, 60_000);
});
