/**
 * `npm run merge -- --dhis2 FILE.json --dhis2-mapping templates/dhis2-mapping.exemple.json` on the bundled
 * examples (yearly, and the quarterly one): every number of `Données`, read back from the consolidated
 * workbook, is in the payload once, at the data element, category option combo, organisation unit and
 * DHIS2 period the sample mapping gives; the CSV beside it holds the same rows in DHIS2's column order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { QUARTERLY_DIR } from '../../pipeline/examples';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { BUNDLED_EXAMPLES, dataTable, mergeCli, readWorkbook, tempDir, type Scalar } from '../helpers/merge-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'templates', 'dhis2-mapping.exemple.json');
const QUARTERLY_INPUT = path.join(QUARTERLY_DIR, 'exemples');
const QUARTERLY_FRAMEWORK = path.join(QUARTERLY_DIR, 'framework.json');

interface SampleTarget {
  dataElement?: string;
  categoryOptionCombo: string;
}
type SampleItem = { dataElement?: string } & Partial<Record<'Total' | 'Femmes' | 'Hommes', SampleTarget>>;
/** The sample mapping read as plain JSON: the test's own reading of it, not the tool's. */
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as {
  attributeOptionCombo: string;
  orgUnits: Record<string, string>;
  indicators: Record<string, SampleItem>;
  beneficiaries: Record<string, SampleItem>;
  budget: Record<string, SampleItem>;
};
const SECTIONS: Record<string, 'indicators' | 'beneficiaries' | 'budget'> = {
  Indicateurs: 'indicators',
  Bénéficiaires: 'beneficiaries',
  Budget: 'budget',
};

interface DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo?: string;
  value: string;
  comment?: string;
}

/** Where the sample mapping sends one `Données` row, as the key of a data value. */
function expectedKey(row: Record<string, Scalar>, communeCodes: Map<string, string>, periods: Record<string, string>) {
  const entry = sample[SECTIONS[String(row['Section'])]!][String(row['Code'])]!;
  const target = entry[row['Désagrégation'] as 'Total' | 'Femmes' | 'Hommes']!;
  return [
    target.dataElement ?? entry.dataElement,
    periods[String(row['Période'])],
    sample.orgUnits[communeCodes.get(String(row['Commune']))!],
    target.categoryOptionCombo,
    sample.attributeOptionCombo,
  ].join('|');
}
const keyOf = (v: DataValue) =>
  [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo].join('|');

const tmp = tempDir('dhis2-example');
afterAll(() => tmp.remove());

async function exportAndCompare(
  name: string,
  argv: string[],
  frameworkFile: string,
  periods: Record<string, string>,
): Promise<{ values: DataValue[]; rows: Record<string, Scalar>[]; summary: Record<string, unknown> }> {
  const output = path.join(tmp.dir, `${name}.xlsx`);
  const dhis2 = path.join(tmp.dir, 'dhis2', `${name}.json`);
  const cli = await mergeCli([
    ...argv,
    '--framework',
    frameworkFile,
    '--output',
    output,
    '--dhis2',
    dhis2,
    '--dhis2-mapping',
    SAMPLE,
    '--json',
  ]);
  // The sample mapping's UIDs are examples: the one line on stderr says so, and nothing else.
  expect(cli.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^DHIS2, attention : \d+ identifiant\(s\) d’exemple/),
  ]);
  expect(cli.code).toBe(0);
  const summary = JSON.parse(cli.stdout) as { dhis2: Record<string, unknown> };
  const values = (JSON.parse(readFileSync(dhis2, 'utf8')) as { dataValues: DataValue[] }).dataValues;
  const rows = dataTable(await readWorkbook(output));
  const framework = loadFrameworkFile(frameworkFile);
  const communeCodes = new Map(framework.communes.map((c) => [c.name, c.code]));

  // Every number of Données is sent, once, with its own value as text; nothing else is sent.
  expect(rows.length).toBeGreaterThan(0);
  const byKey = new Map(values.map((v) => [keyOf(v), v]));
  expect(byKey.size).toBe(values.length);
  for (const row of rows) {
    const key = expectedKey(row, communeCodes, periods);
    const sent = byKey.get(key);
    expect([key, sent?.value]).toEqual([key, String(row['Réalisé'])]);
  }
  expect(values).toHaveLength(rows.length);

  // The CSV beside it: DHIS2's columns, the same rows in the same order.
  const csv = Papa.parse<string[]>(readFileSync(dhis2.replace(/\.json$/, '.csv'), 'utf8').trim(), {
    delimiter: ',',
  }).data;
  expect(csv[0]).toEqual([
    'dataelement',
    'period',
    'orgunit',
    'categoryoptioncombo',
    'attributeoptioncombo',
    'value',
    'storedby',
    'lastupdated',
    'comment',
    'followup',
  ]);
  expect(csv.slice(1)).toEqual(
    values.map((v) => [
      v.dataElement,
      v.period,
      v.orgUnit,
      v.categoryOptionCombo,
      v.attributeOptionCombo ?? '',
      v.value,
      '',
      '',
      v.comment ?? '',
      '',
    ]),
  );
  expect(summary.dhis2).toMatchObject({ file: dhis2, csv: dhis2.replace(/\.json$/, '.csv'), error: null });
  return { values, rows, summary: summary.dhis2 };
}

test('the 2023 example: every value of Données is in the payload at the sample mapping’s place', async () => {
  const { values, summary } = await exportAndCompare(
    'annual',
    ['--input', BUNDLED_EXAMPLES],
    path.join(ROOT, 'templates', 'framework.json'),
    { '2023': '2023' },
  );
  expect(values).toHaveLength(160);
  expect(summary).toMatchObject({ written: 160, notWritten: [], leftOutFiles: [], notReceived: [] });
  // Every UID has DHIS2's shape, and the values are plain numbers as text.
  for (const v of values) {
    for (const id of [v.dataElement, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo])
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]{10}$/);
    expect(v.value).toMatch(/^\d+(\.\d+)?$/);
  }
}, 60_000);

test('the quarterly example over 2024: quarters as 2024Q1…2024Q4, Bara’s missing quarter said', async () => {
  const { values, summary } = await exportAndCompare(
    'quarterly',
    ['--input', QUARTERLY_INPUT, '--period', '2024'],
    QUARTERLY_FRAMEWORK,
    { '2024-T1': '2024Q1', '2024-T2': '2024Q2', '2024-T3': '2024Q3', '2024-T4': '2024Q4' },
  );
  expect([...new Set(values.map((v) => v.period))]).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
  expect(summary).toMatchObject({
    written: values.length,
    notWritten: [],
    notReceived: [{ commune: 'BAR', period: '2024-T4', state: 'missing' }],
  });
}, 120_000);
