/**
 * The reconciliation, the merge's last safety net: a model produced by consolidate() agrees with its
 * inputs; a model tampered with after the fact (a total, a planned figure, a row of Données) does not,
 * and the discrepancy names the item, what differs, and both figures.
 */
import { consolidate } from '../../core/consolidate/consolidate';
import type { Consolidated } from '../../core/consolidate/model';
import { reconcile } from '../../core/consolidate/reconcile';
import type { DataPoint } from '../../core/extract';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { acceptedReport, indicator, indicatorPoint, setTargets, withQuarters } from '../helpers/quarters';

const T = ['2024-T1', '2024-T2'];

function setup() {
  const fw = withQuarters(loadFrameworkFile());
  for (const code of ['R1.1.1', 'R4.2.1', 'R3.1.2'])
    setTargets(fw, indicator(fw, code).periodTargets, { '2024-T1': 5, '2024-T2': 6, '2024-T3': 7, '2024-T4': 8 });
  const women: DataPoint = { ...indicatorPoint('R1.1.1', 2), disaggregation: 'women' };
  const budget: DataPoint = { ...indicatorPoint('BUD-1', 1000), section: 'budget' };
  const reports = [
    acceptedReport('GNZ', '2024-T1', { 'R1.1.1': 3, 'R4.2.1': 1, 'R3.1.2': 10 }),
    { ...acceptedReport('GNZ', '2024-T2', { 'R1.1.1': 4, 'R4.2.1': 2, 'R3.1.2': 8 }), points: [] as DataPoint[] },
    acceptedReport('SAL', '2024-T2', { 'R1.1.1': 6, 'R3.1.2': 12 }),
  ];
  reports[1]!.points = [
    indicatorPoint('R1.1.1', 4),
    women,
    indicatorPoint('R4.2.1', 2),
    indicatorPoint('R3.1.2', 8),
    budget,
  ];
  const model = consolidate(fw, reports, { periods: T });
  return { model, reports };
}

const line = (model: Consolidated, code: string) => model.indicators.find((l) => l.item.code === code)!;

test('a model consolidate() produced agrees with its inputs: no discrepancy', () => {
  const { model, reports } = setup();
  // The figures are the ones the test means (sum 13, max 2, latest 8 + 12).
  expect([line(model, 'R1.1.1'), line(model, 'R4.2.1'), line(model, 'R3.1.2')].map((l) => l.total.achieved)).toEqual([
    13, 2, 20,
  ]);
  expect(reconcile(model, reports)).toEqual([]);
});

test('a tampered total is found, with both figures', () => {
  const { model, reports } = setup();
  line(model, 'R1.1.1').total.achieved = 14;
  expect(reconcile(model, reports)).toEqual([
    { section: 'indicators', code: 'R1.1.1', what: 'total', expected: 13, found: 14 },
  ]);
});

test('a tampered disaggregation, a budget total, a « latest » total set to the sum: each is found', () => {
  const { model, reports } = setup();
  line(model, 'R1.1.1').total.women = null;
  model.budget.find((l) => l.item.code === 'BUD-1')!.total.achieved = 0;
  line(model, 'R3.1.2').total.achieved = 30; // 10 + 8 + 12: the T1 report summed in instead of replaced
  expect(reconcile(model, reports)).toEqual([
    { section: 'indicators', code: 'R1.1.1', what: 'women', expected: 2, found: null },
    { section: 'indicators', code: 'R3.1.2', what: 'total', expected: 20, found: 30 },
    { section: 'budget', code: 'BUD-1', what: 'total', expected: 1000, found: 0 },
  ]);
});

test('a tampered planned figure of the reporting communes is found', () => {
  const { model, reports } = setup();
  // GNZ (T1 + T2: 5 + 6) and SAL (T2: 6) reported R1.1.1: 17 planned. A planned counting a missing commune is wrong.
  expect(line(model, 'R1.1.1').total.planned).toBe(17);
  line(model, 'R1.1.1').total.planned = 17 + 11;
  expect(reconcile(model, reports)).toEqual([
    { section: 'indicators', code: 'R1.1.1', what: 'planned (reporting communes)', expected: 17, found: 28 },
  ]);
});

test('a missing row of Données is found, and so is a row counted twice', () => {
  const { model, reports } = setup();
  const rows = model.data.length;
  expect(rows).toBe(3 + 5 + 2);
  const dropped = model.data.pop()!;
  expect(reconcile(model, reports)).toEqual([
    { section: 'indicators', code: '*', what: 'data rows', expected: rows, found: rows - 1 },
  ]);
  model.data.push(dropped, dropped);
  expect(reconcile(model, reports)).toEqual([
    { section: 'indicators', code: '*', what: 'data rows', expected: rows, found: rows + 1 },
  ]);
});

test('an end-of-project target that no longer matches the framework is found', () => {
  const { model, reports } = setup();
  line(model, 'R4.2.1').toDate.endTarget = 7;
  model.budget[0]!.toDate.endTarget += 1;
  expect(reconcile(model, reports)).toEqual([
    { section: 'indicators', code: 'R4.2.1', what: 'end-of-project target', expected: 8, found: 7 },
    {
      section: 'budget',
      code: '*',
      what: 'planned',
      expected: model.framework.project.budget,
      found: model.framework.project.budget + 1,
    },
  ]);
});
