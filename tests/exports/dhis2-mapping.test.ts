/**
 * The DHIS2 mapping file and the shapes DHIS2 expects: a bad mapping is refused on one French line naming
 * the file and the JSON path (and nothing is written); periods follow DHIS2's formats, derived from the
 * period's dates or given by the mapping; the CSV has DHIS2's columns and quotes what needs it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DHIS2_PERIOD } from '../../core/exports/dhis2-mapping';
import { dhis2PeriodOf } from '../../core/exports/dhis2-values';
import { Dhis2MappingError, loadDhis2Mapping } from '../../pipeline/read/dhis2-mapping';
import { dhis2Csv } from '../../pipeline/write/dhis2/write';
import { STACK_LINE } from '../cli/capture';
import { BUNDLED_EXAMPLES, framework, mergeCli, tempDir } from '../helpers/merge-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'templates', 'dhis2-mapping.exemple.json');
interface SampleTarget {
  dataElement?: string;
  categoryOptionCombo: string;
}
interface SampleItem {
  dataElement?: string;
  Total?: SampleTarget;
  Femmes?: SampleTarget;
  Hommes?: SampleTarget;
  femmes?: SampleTarget;
}
/** The sample mapping as plain JSON, to be broken one way or another. */
interface Sample {
  orgUnits?: Record<string, string>;
  periods?: Record<string, string>;
  indicators: Record<string, SampleItem>;
}
const sampleJson = () => JSON.parse(readFileSync(SAMPLE, 'utf8')) as Sample;

const tmp = tempDir('dhis2-mapping');
afterAll(() => tmp.remove());

function mappingFile(name: string, edit: (m: Sample) => void): string {
  const m = sampleJson();
  edit(m);
  const file = path.join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(m));
  return file;
}

/** The one French line the loader says for a mapping file. */
function problemOf(file: string): string {
  try {
    loadDhis2Mapping(file, framework);
  } catch (err) {
    expect(err).toBeInstanceOf(Dhis2MappingError);
    return (err as Error).message;
  }
  throw new Error('the mapping was accepted');
}

describe('the mapping file', () => {
  test('the sample loads against the bundled framework', () => {
    const mapping = loadDhis2Mapping(SAMPLE, framework);
    expect(Object.keys(mapping.orgUnits)).toEqual(['GNZ', 'SAL', 'ANS', 'BAR']);
    expect(Object.keys(mapping.indicators)).toEqual(framework.indicators.map((i) => i.code));
    expect(mapping.$comment).toMatch(/REMPLACER/);
  });

  test.each([
    [
      'a UID of the wrong shape',
      (m: Sample) => (m.indicators['R1.1.1']!.Femmes!.categoryOptionCombo = 'femmes'),
      /^Correspondance DHIS2 .*bad\.json : indicators\.R1\.1\.1\.Femmes\.categoryOptionCombo : « femmes » n’est pas un identifiant DHIS2/,
    ],
    [
      'a code the framework does not have',
      (m: Sample) =>
        (m.indicators['R9.9.9'] = { dataElement: 'deR999XXXXX', Total: { categoryOptionCombo: 'cocDefautXX' } }),
      /indicators\.R9\.9\.9 : code R9\.9\.9 inconnu du cadre de résultats/,
    ],
    [
      'an unknown commune',
      (m: Sample) => (m.orgUnits!.TMB = 'ouTMBXXXXXX'),
      /orgUnits\.TMB : commune TMB inconnue du cadre de résultats \(communes : GNZ, SAL, ANS, BAR\)/,
    ],
    [
      'a period that is not DHIS2’s',
      (m: Sample) => (m.periods = { '2023': '2023-T1' }),
      /periods\.2023 : « 2023-T1 » n’est pas une période DHIS2/,
    ],
    [
      'a misspelt key',
      (m: Sample) => (m.indicators['R1.1.1']!.femmes = m.indicators['R1.1.1']!.Femmes),
      /indicators\.R1\.1\.1 : clé\(s\) inconnue\(s\) : "femmes"/,
    ],
    [
      'no data element for a disaggregation',
      (m: Sample) => delete m.indicators['R2.2.1']!.dataElement,
      /indicators\.R2\.2\.1\.Total : pas d’élément de données/,
    ],
    [
      'two numbers sent to the same DHIS2 cell',
      (m: Sample) => (m.indicators['R1.1.2']!.dataElement = m.indicators['R1.1.1']!.dataElement),
      /indicators\.R1\.1\.2\.Femmes : même élément de données, même combinaison de catégories que indicators\.R1\.1\.1\.Femmes/,
    ],
    ['no orgUnits', (m: Sample) => delete m.orgUnits, /orgUnits : valeur obligatoire manquante/],
  ])('%s: one French line naming the file and the JSON path', (_case, edit, expected) => {
    const text = problemOf(mappingFile('bad.json', edit));
    expect(text).toMatch(expected);
    expect(text).not.toMatch(/\n/);
  });

  test('not JSON, or no file: said on one line with the file', () => {
    const file = path.join(tmp.dir, 'broken.json');
    writeFileSync(file, '{ "orgUnits": ');
    expect(problemOf(file)).toBe(
      `Correspondance DHIS2 ${file} : ce n’est pas du JSON valide : vérifiez les virgules, guillemets et accolades`,
    );
    expect(problemOf(path.join(tmp.dir, 'none.json'))).toMatch(
      /^Correspondance DHIS2 .*none\.json : fichier introuvable : vérifiez le chemin$/,
    );
  });

  test('through the command: exit 2, one French line, no stack, nothing written', async () => {
    const bad = mappingFile('cli-bad.json', (m) => (m.orgUnits!.GNZ = '123'));
    const output = path.join(tmp.dir, 'cli-bad.xlsx');
    const dhis2 = path.join(tmp.dir, 'cli-bad-dhis2.json');
    const cli = await mergeCli([
      '--input',
      BUNDLED_EXAMPLES,
      '--output',
      output,
      '--dhis2',
      dhis2,
      '--dhis2-mapping',
      bad,
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(
      /^Erreur : Correspondance DHIS2 .*cli-bad\.json : orgUnits\.GNZ : « 123 » n’est pas un identifiant DHIS2/,
    );
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).not.toMatch(STACK_LINE);
    for (const f of [output, dhis2, dhis2.replace(/json$/, 'csv')]) expect(existsSync(f)).toBe(false);
  });

  test('in English with --lang en', async () => {
    const bad = mappingFile('cli-bad-en.json', (m) => (m.periods = { '2024': 'T1' }));
    const cli = await mergeCli([
      '--input',
      BUNDLED_EXAMPLES,
      '--output',
      path.join(tmp.dir, 'en.xlsx'),
      '--lang',
      'en',
      '--dhis2',
      path.join(tmp.dir, 'en.json'),
      '--dhis2-mapping',
      bad,
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^Error: DHIS2 mapping .*cli-bad-en\.json: periods\.2024: “T1” is not a DHIS2 period/);
  });
});

describe('periods', () => {
  test.each([
    ['2023-01-01', '2023-12-31', '2023'],
    ['2024-01-01', '2024-03-31', '2024Q1'],
    ['2024-04-01', '2024-06-30', '2024Q2'],
    ['2024-10-01', '2024-12-31', '2024Q4'],
    ['2024-06-01', '2024-06-30', '202406'],
    ['2024-02-01', '2024-02-29', '202402'],
    ['2024-04-01', '2025-03-31', '2024April'],
    ['2024-07-01', '2025-06-30', '2024July'],
    ['2023-10-01', '2024-09-30', '2023Oct'],
    ['2024-01-15', '2024-04-14', null],
    ['2024-01-01', '2024-06-30', '2024S1'],
    ['2024-07-01', '2024-12-31', '2024S2'],
    ['2024-04-01', '2024-09-30', null],
    ['2024-02-01', '2024-04-30', null],
  ])('%s to %s → %s', (start, end, expected) => {
    expect(dhis2PeriodOf({ start, end })).toBe(expected);
    if (expected !== null) expect(expected).toMatch(DHIS2_PERIOD);
  });

  test.each([
    '2024',
    '2024Q2',
    '202406',
    '20240615',
    '2024W10',
    '2024BiW1',
    '202401B',
    '2024S1',
    '2024AprilS2',
    '2024April',
    '2024July',
    '2024Oct',
    '2024Nov',
  ])('%s is a DHIS2 period', (p) => expect(p).toMatch(DHIS2_PERIOD));

  test.each(['2024-T2', '24Q2', '2024Q5', '202413', '2024M06', 'Q2 2024'])('%s is not', (p) =>
    expect(p).not.toMatch(DHIS2_PERIOD),
  );

  test('a period the mapping names wins over the one its dates give', async () => {
    const file = mappingFile('fy.json', (m) => (m.periods = { '2023': '2023April' }));
    const dhis2 = path.join(tmp.dir, 'fy-out', 'fy.json');
    const cli = await mergeCli([
      '--input',
      BUNDLED_EXAMPLES,
      '--output',
      path.join(tmp.dir, 'fy.xlsx'),
      '--dhis2',
      dhis2,
      '--dhis2-mapping',
      file,
    ]);
    expect(cli.code).toBe(0);
    const values = (JSON.parse(readFileSync(dhis2, 'utf8')) as { dataValues: { period: string }[] }).dataValues;
    expect(new Set(values.map((v) => v.period))).toEqual(new Set(['2023April']));
  }, 60_000);
});

describe('the CSV', () => {
  test('DHIS2’s columns in its order; a comment with a comma or quotes is quoted, never prefixed', () => {
    const csv = dhis2Csv([
      {
        dataElement: 'deR111XXXXX',
        period: '2024Q2',
        orgUnit: 'ouGNZXXXXXX',
        categoryOptionCombo: 'cocDefautXX',
        value: '12',
        comment: 'Retard, « pluies » ; "crue"',
      },
      {
        dataElement: 'deR112XXXXX',
        period: '2024Q2',
        orgUnit: 'ouGNZXXXXXX',
        categoryOptionCombo: 'cocDefautXX',
        attributeOptionCombo: 'aocProjetXX',
        value: '12.5',
        comment: '=SOMME(A1)',
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup',
      'deR111XXXXX,2024Q2,ouGNZXXXXXX,cocDefautXX,,12,,,"Retard, « pluies » ; ""crue""",',
      'deR112XXXXX,2024Q2,ouGNZXXXXXX,cocDefautXX,aocProjetXX,12.5,,,=SOMME(A1),',
      '',
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(false);
  });
});
