/**
 * settleDuplicates on in-memory outcomes (no file read): one commune and period claimed by several
 * accepted reports. Identical figures are one submission sent twice (one kept, the others « écarté »);
 * different figures are an error naming every file, none used; `--prefer latest` keeps the later date
 * of entry, and a tie or an undated version stays an error.
 */
import type { AcceptedReport } from '../../core/consolidate/model';
import type { InputOutcome } from '../../pipeline/merge/inputs';
import { sameFigures, settleDuplicates } from '../../pipeline/merge/duplicates';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { acceptedReport, indicatorPoint } from '../helpers/quarters';

const fw = loadFrameworkFile();

function outcome(file: string, reports: AcceptedReport[]): InputOutcome {
  return {
    record: {
      file,
      commune: reports.map((r) => r.commune).join(', '),
      period: '2023',
      filledBy: 'x',
      entryDate: null,
      sha256: null,
      status: 'accepted',
      reason: null,
      errors: 0,
      warnings: 0,
    },
    issues: [],
    reports: reports.map((r) => ({ ...r, source: file })),
  };
}

const report = (commune: string, values: Record<string, number>, entryDate: string | null = null): AcceptedReport => ({
  ...acceptedReport(commune, '2023', values),
  entryDate,
});

const duplicateIssues = (o: InputOutcome) =>
  o.issues.filter((i) => i.ruleId === 'duplicate-report').map((i) => [i.severity, i.messageId, i.params]);

test('sameFigures: the same numbers point by point, whatever their order; any other number differs', () => {
  const a = report('BAR', { 'R1.1.1': 5, 'R1.1.2': 7 });
  const reordered = { ...a, points: [...a.points].reverse() };
  expect(sameFigures(a, reordered)).toBe(true);
  expect(sameFigures(a, report('BAR', { 'R1.1.1': 5, 'R1.1.2': 8 }))).toBe(false);
  expect(sameFigures(a, report('BAR', { 'R1.1.1': 5 }))).toBe(false);
  expect(sameFigures(a, { ...a, points: [indicatorPoint('R1.1.1', 5, 3), a.points[1]!] })).toBe(false);
  // Points counted twice are not the same figures, even when each one is found in the other report.
  const [x, y] = a.points as [(typeof a.points)[0], (typeof a.points)[0]];
  expect(sameFigures({ ...a, points: [x, x, y] }, { ...a, points: [x, y, y] })).toBe(false);
});

test('identical figures: the first kept, the copy « écarté » (status duplicate) naming the file kept', () => {
  const first = outcome('bara.xlsx', [report('BAR', { 'R1.1.1': 5 }, '2024-01-10')]);
  const copy = outcome('bara (copie).xlsx', [report('BAR', { 'R1.1.1': 5 }, '2024-01-12')]);
  const other = outcome('gnz.xlsx', [report('GNZ', { 'R1.1.1': 9 })]);
  settleDuplicates([first, copy, other], fw);
  expect(first.reports).toHaveLength(1);
  expect(first.record.status).toBe('accepted');
  expect(copy.reports).toEqual([]);
  expect(copy.record).toMatchObject({
    status: 'duplicate',
    reason: { id: 'identicalCopy', params: { kept: 'bara.xlsx' } },
    errors: 0,
  });
  expect(duplicateIssues(copy)).toEqual([
    ['info', 'identical', { commune: 'Bara', period: '2023', kept: 'bara.xlsx' }],
  ]);
  expect(first.issues).toEqual([]);
  // Another commune is not touched.
  expect(other).toMatchObject({ issues: [], record: { status: 'accepted' } });
  expect(other.reports).toHaveLength(1);
});

test('different figures: both refused, each naming the other, none used', () => {
  const a = outcome('bara-a.xlsx', [report('BAR', { 'R1.1.1': 5 }, '2024-01-10')]);
  const b = outcome('bara-b.xlsx', [report('BAR', { 'R1.1.1': 6 }, '2024-01-12')]);
  settleDuplicates([a, b], fw);
  for (const [o, others] of [
    [a, 'bara-b.xlsx'],
    [b, 'bara-a.xlsx'],
  ] as const) {
    expect(o.reports).toEqual([]);
    expect(o.record).toMatchObject({ status: 'rejected', reason: { id: 'duplicate', params: { others } }, errors: 1 });
    expect(duplicateIssues(o)).toEqual([['error', 'duplicate', { commune: 'Bara', period: '2023', others }]]);
  }
});

test('three files, two of them copies: still a conflict, and every file names the other two', () => {
  const files = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((f, i) =>
    outcome(f, [report('BAR', { 'R1.1.1': i === 2 ? 6 : 5 }, `2024-01-1${i}`)]),
  );
  settleDuplicates(files, fw);
  expect(files.map((o) => o.record.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect(files.map((o) => o.record.reason?.params.others)).toEqual([
    'b.xlsx, c.xlsx',
    'a.xlsx, c.xlsx',
    'a.xlsx, b.xlsx',
  ]);
  expect(files.every((o) => o.reports.length === 0)).toBe(true);
});

test('--prefer latest: the later date of entry kept, the other set aside (« écarté », not an error)', () => {
  const older = outcome('bara-1.xlsx', [report('BAR', { 'R1.1.1': 5 }, '2024-01-10')]);
  const newer = outcome('bara-2.xlsx', [report('BAR', { 'R1.1.1': 6 }, '2024-01-12')]);
  settleDuplicates([newer, older], fw, 'latest');
  expect(newer.record.status).toBe('accepted');
  expect(newer.reports.map((r) => r.points[0]!.achieved)).toEqual([6]);
  expect(older.reports).toEqual([]);
  expect(older.record).toMatchObject({
    status: 'duplicate',
    reason: { id: 'duplicateDiscarded', params: { kept: 'bara-2.xlsx' } },
    errors: 0,
  });
  expect(duplicateIssues(older)).toEqual([
    ['info', 'discarded', { commune: 'Bara', period: '2023', kept: 'bara-2.xlsx' }],
  ]);
});

test('--prefer latest with the same date, or a version without a date (CSV): still an error', () => {
  const tie = [
    outcome('a.xlsx', [report('BAR', { 'R1.1.1': 5 }, '2024-01-10')]),
    outcome('b.xlsx', [report('BAR', { 'R1.1.1': 6 }, '2024-01-10')]),
  ];
  settleDuplicates(tie, fw, 'latest');
  expect(tie.map((o) => o.record.status)).toEqual(['rejected', 'rejected']);
  const undated = [
    outcome('a.csv', [report('BAR', { 'R1.1.1': 5 })]),
    outcome('b.csv', [report('BAR', { 'R1.1.1': 6 })]),
  ];
  settleDuplicates(undated, fw, 'latest');
  expect(undated.map((o) => o.record.status)).toEqual(['rejected', 'rejected']);
});

test('a CSV of several communes loses only the commune kept elsewhere, and keeps its other communes', () => {
  const workbook = outcome('bara.xlsx', [report('BAR', { 'R1.1.1': 5 }, '2024-01-10')]);
  const csv = outcome('export.csv', [report('BAR', { 'R1.1.1': 5 }), report('GNZ', { 'R1.1.1': 9 })]);
  settleDuplicates([csv, workbook], fw);
  // The workbook (with its date of entry) is the one kept; the CSV still brings GNZ.
  expect(workbook.reports).toHaveLength(1);
  expect(csv.reports.map((r) => r.commune)).toEqual(['GNZ']);
  expect(csv.record.status).toBe('accepted');
  expect(duplicateIssues(csv)).toEqual([['info', 'identical', { commune: 'Bara', period: '2023', kept: 'bara.xlsx' }]]);
});
