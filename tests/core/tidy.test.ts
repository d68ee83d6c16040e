/**
 * tidyToGroups: rows of the tidy long format (a CSV, a KoboToolbox extract) become one template-shaped
 * workbook per commune and period, read back here with the same extract() as a workbook. Headers are
 * found by name in any order, case or accents; bad rows are issues located in the table.
 */
import { extract } from '../../core/extract';
import { tidyToGroups, type TidyGroup } from '../../core/tidy';
import { loadFrameworkFile } from '../../pipeline/framework-file';

const fw = loadFrameworkFile();
const HEADER = ['Période', 'Commune', 'Section', 'Code', 'Désagrégation', 'Prévu', 'Réalisé'];

const row = (
  period: string,
  commune: string,
  section: string,
  code: string,
  disaggregation: string,
  planned: string,
  achieved: string,
) => [period, commune, section, code, disaggregation, planned, achieved];

/** The numbers a group holds, as the merge would read them: `section code disaggregation` → achieved. */
function figures(group: TidyGroup): Record<string, number | null> {
  const data = extract(group.tables, fw);
  return Object.fromEntries(
    data.points
      .filter((p) => p.achieved !== null)
      .map((p) => [`${p.section} ${p.code} ${p.disaggregation}`, p.achieved]),
  );
}

test('one commune and period: a workbook whose numbers, commune and period are the rows’', () => {
  const { groups, issues } = tidyToGroups(
    [
      HEADER,
      row('2023', 'Gounzourèye', 'Indicateurs', 'R1.1.1', 'Total', '25', '1 250'),
      row('2023', 'Gounzourèye', 'Budget', 'BUD-1', 'Total', '', '4 625 000,5'),
    ],
    fw,
    'export.csv',
    'export.csv',
  );
  expect(issues).toEqual([]);
  expect(groups.map((g) => [g.commune, g.period])).toEqual([['GNZ', '2023']]);
  const data = extract(groups[0]!.tables, fw);
  expect([data.commune, data.period, data.filledBy]).toEqual(['GNZ', '2023', 'export.csv']);
  expect(figures(groups[0]!)).toMatchObject({ 'indicators R1.1.1 total': 1250, 'budget BUD-1 total': 4625000.5 });
  expect(data.points.find((p) => p.code === 'R1.1.1' && p.disaggregation === 'total')!.planned).toBe(25);
  // Each synthetic cell points back to its tidy row (line 2, the Réalisé column 7).
  expect([...groups[0]!.origin.values()]).toContainEqual({ row: 2, column: 7 });
});

test('headers by name in any order, case and accents; extra columns ignored', () => {
  const header = ['REALISE', 'code', 'commentaire libre', 'desagregation', 'COMMUNE', 'section', 'periode'];
  const { groups, issues } = tidyToGroups(
    [header, ['7', 'R1.1.1', 'x', 'total', 'soni aliber', 'INDICATEURS', '2024']],
    fw,
    't',
    't',
  );
  expect(issues).toEqual([]);
  expect(groups.map((g) => [g.commune, g.period])).toEqual([['SAL', '2024']]);
  expect(figures(groups[0]!)['indicators R1.1.1 total']).toBe(7);
});

test('a required header missing: one issue naming it, and no workbook at all', () => {
  const header = HEADER.filter((h) => h !== 'Réalisé');
  const { groups, issues } = tidyToGroups(
    [header, ['2023', 'Bara', 'Indicateurs', 'R1.1.1', 'Total', '5']],
    fw,
    'kobo.csv',
    'kobo.csv',
  );
  expect(groups).toEqual([]);
  expect(issues).toEqual([
    expect.objectContaining({
      ruleId: 'missing-header',
      messageId: 'missing',
      severity: 'error',
      sheet: 'kobo.csv',
      row: 1,
      column: null,
      address: null,
      params: { header: 'Réalisé', sheet: 'kobo.csv' },
    }),
  ]);
});

test('every missing required header is named, not only the first', () => {
  const { issues } = tidyToGroups([['Période', 'Commune', 'Réalisé']], fw, 't', 't');
  expect(issues.map((i) => i.params.header)).toEqual(['Section', 'Code', 'Désagrégation']);
});

test('an unknown section or code: an issue at its cell, the row left out, the others kept', () => {
  const { groups, issues } = tidyToGroups(
    [
      HEADER,
      row('2023', 'Bara', 'Activités', 'R1.1.1', 'Total', '', '3'),
      row('2023', 'Bara', 'Indicateurs', 'R9.9.9', 'Total', '', '4'),
      row('2023', 'Bara', 'Indicateurs', 'r1.1.2', 'Total', '', '5'),
    ],
    fw,
    't',
    't',
  );
  expect(issues.map((i) => [i.ruleId, i.messageId, i.address, i.params])).toEqual([
    ['unknown-code', 'unknown', 'C2', { code: 'Activités R1.1.1' }],
    ['unknown-code', 'unknown', 'D3', { code: 'Indicateurs R9.9.9' }],
  ]);
  // A code in lower case is still the framework's.
  expect(figures(groups[0]!)).toEqual({ 'indicators R1.1.2 total': 5 });
});

test('an unknown period or commune: an issue naming what is known', () => {
  const { groups, issues } = tidyToGroups(
    [
      HEADER,
      row('2031', 'Bara', 'Indicateurs', 'R1.1.1', 'Total', '', '3'),
      row('2023', 'Gao', 'Indicateurs', 'R1.1.1', 'Total', '', '3'),
    ],
    fw,
    't',
    't',
  );
  expect(groups).toEqual([]);
  expect(issues.map((i) => [i.ruleId, i.address, i.params])).toEqual([
    ['unknown-period', 'A2', { text: '2031', periods: '2023, 2024' }],
    ['unknown-commune', 'B3', { name: 'Gao', known: 'Gounzourèye, Soni Aliber, Ansongo, Bara' }],
  ]);
});

test('a Femmes row on an item that is not people: refused; the same row twice: the second refused', () => {
  const { issues } = tidyToGroups(
    [
      HEADER,
      row('2023', 'Bara', 'Indicateurs', 'R2.2.1', 'Femmes', '', '1'),
      row('2023', 'Bara', 'Indicateurs', 'R1.1.1', 'Total', '', '2'),
      row('2023', 'Bara', 'Indicateurs', 'R1.1.1', 'total', '', '3'),
    ],
    fw,
    't',
    't',
  );
  expect(issues.map((i) => [i.ruleId, i.address])).toEqual([
    ['unexpected-value', 'E2'],
    ['duplicate-code', 'D4'],
  ]);
  expect(issues[1]!.params).toEqual({ code: 'R1.1.1 total', first: 'D3' });
});

test('two communes and two periods in one table: one workbook per commune and period, each with its own rows', () => {
  const { groups, issues } = tidyToGroups(
    [
      HEADER,
      row('2023', 'Bara', 'Indicateurs', 'R1.1.1', 'Total', '', '1'),
      row('2023', 'Ansongo', 'Indicateurs', 'R1.1.1', 'Total', '', '2'),
      [],
      row('2024', 'Bara', 'Indicateurs', 'R1.1.1', 'Total', '', '3'),
      row('2023', 'BAR', 'Indicateurs', 'R1.1.2', 'Total', '', '4'),
    ],
    fw,
    't',
    't',
  );
  expect(issues).toEqual([]);
  expect(groups.map((g) => [g.commune, g.period, figures(g)])).toEqual([
    ['BAR', '2023', { 'indicators R1.1.1 total': 1, 'indicators R1.1.2 total': 4 }],
    ['ANS', '2023', { 'indicators R1.1.1 total': 2 }],
    ['BAR', '2024', { 'indicators R1.1.1 total': 3 }],
  ]);
  for (const g of groups)
    expect([extract(g.tables, fw).commune, extract(g.tables, fw).period]).toEqual([g.commune, g.period]);
});
