/**
 * consolidate() on small in-memory reports: each item's rule across periods (sum, max, latest), a
 * commune not received (left out, never a 0), the planned figure kept apart for it (missingPlanned),
 * and the tidy data (one row per number received). Expected figures are worked out by hand.
 */
import { consolidate } from '../../core/consolidate/consolidate';
import type { DataPoint } from '../../core/extract';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { acceptedReport, indicator, indicatorPoint, setTargets, withQuarters } from '../helpers/quarters';

const T = ['2024-T1', '2024-T2', '2024-T3'];

function framework() {
  const fw = withQuarters(loadFrameworkFile());
  // R1.1.1 sums its quarters, R4.2.1 keeps the highest, R3.1.2 (people reached again) keeps the latest.
  setTargets(fw, indicator(fw, 'R1.1.1').periodTargets, { '2024-T1': 5, '2024-T2': 5, '2024-T3': 10, '2024-T4': 5 });
  setTargets(fw, indicator(fw, 'R4.2.1').periodTargets, { '2024-T1': 1, '2024-T2': 3, '2024-T3': 2, '2024-T4': 2 });
  setTargets(fw, indicator(fw, 'R3.1.2').periodTargets, { '2024-T1': 10, '2024-T2': 20, '2024-T3': 30, '2024-T4': 40 });
  expect(
    [indicator(fw, 'R1.1.1'), indicator(fw, 'R4.2.1'), indicator(fw, 'R3.1.2')].map((i) => i.aggregation.periods),
  ).toEqual(['sum', 'max', 'latest']);
  return fw;
}

const line = (model: ReturnType<typeof consolidate>, code: string) =>
  model.indicators.find((l) => l.item.code === code)!;

const women = (code: string, achieved: number): DataPoint => ({
  ...indicatorPoint(code, achieved),
  disaggregation: 'women',
});

test('sum, max and latest across the quarters of one commune: achieved and planned follow the item’s rule', () => {
  const fw = framework();
  const reports = [
    acceptedReport('GNZ', '2024-T1', { 'R1.1.1': 3, 'R4.2.1': 1, 'R3.1.2': 10 }),
    acceptedReport('GNZ', '2024-T2', { 'R1.1.1': 4, 'R4.2.1': 3, 'R3.1.2': 30 }),
    acceptedReport('GNZ', '2024-T3', { 'R1.1.1': 5, 'R4.2.1': 2, 'R3.1.2': 20 }),
  ];
  const model = consolidate(fw, reports, { periods: T });
  // sum: 3 + 4 + 5 against 5 + 5 + 10.
  expect(line(model, 'R1.1.1').communes['GNZ']).toMatchObject({ achieved: 12, planned: 20 });
  // max: the highest level (3 in T2, not the last 2), against the highest target (3).
  expect(line(model, 'R4.2.1').communes['GNZ']).toMatchObject({ achieved: 3, planned: 3 });
  // latest: the last report (20, not the highest 30 nor a sum), against the last quarter's target.
  expect(line(model, 'R3.1.2').communes['GNZ']).toMatchObject({ achieved: 20, planned: 30 });
  expect([line(model, 'R1.1.1'), line(model, 'R4.2.1'), line(model, 'R3.1.2')].map((l) => l.total.achieved)).toEqual([
    12, 3, 20,
  ]);
});

test('the rule follows the period order, not the order the reports arrive in', () => {
  const fw = framework();
  const reports = [
    acceptedReport('GNZ', '2024-T3', { 'R3.1.2': 20 }),
    acceptedReport('GNZ', '2024-T1', { 'R3.1.2': 10 }),
    acceptedReport('GNZ', '2024-T2', { 'R3.1.2': 30 }),
  ];
  expect(line(consolidate(fw, reports, { periods: T }), 'R3.1.2').communes['GNZ']!.achieved).toBe(20);
});

test('the communes add up (sum) or give their highest (max); a commune not received is left out, never a 0', () => {
  const fw = framework();
  indicator(fw, 'R4.2.1').aggregation.communes = 'max';
  const reports = [
    acceptedReport('GNZ', '2024-T1', { 'R1.1.1': 4, 'R4.2.1': 1 }),
    acceptedReport('SAL', '2024-T1', { 'R1.1.1': 6, 'R4.2.1': 2 }),
  ];
  const model = consolidate(fw, reports, { periods: ['2024-T1'] });
  const sum = line(model, 'R1.1.1');
  expect(sum.total.achieved).toBe(10);
  expect(line(model, 'R4.2.1').total.achieved).toBe(2);
  // ANS and BAR sent nothing: null (« non reçu »), with their whole target kept on their rows.
  expect(sum.communes['ANS']).toMatchObject({ achieved: null, women: null, men: null, planned: 5 });
  expect(sum.communes['BAR']!.achieved).toBeNull();
  expect(model.communes.filter((c) => !c.received).map((c) => c.commune.code)).toEqual(['ANS', 'BAR']);
  // The rate's basis is the planned of GNZ and SAL only; ANS and BAR's 5 + 5 stand apart.
  expect([sum.total.planned, sum.missingPlanned, sum.target]).toEqual([10, 10, 20]);
  // Their cumulative to date is null too, and their end-of-project targets are out of the total's.
  expect(sum.toDate.communes['ANS']!.achieved).toBeNull();
  expect(sum.toDate.total).toEqual({ achieved: 10, target: 50 });
});

test('nothing received at all: every total is null, none is 0, and the whole target is missing', () => {
  const fw = framework();
  const model = consolidate(fw, [], { periods: ['2024-T1'] });
  const l = line(model, 'R1.1.1');
  expect([l.total.achieved, l.total.women, l.total.men]).toEqual([null, null, null]);
  expect([l.total.planned, l.missingPlanned, l.target]).toEqual([0, 20, 20]);
  expect(model.data).toEqual([]);
});

test('missingPlanned: whole communes not received plus the quarters missing of the others', () => {
  const fw = framework();
  // GNZ sent T1 and T3, SAL T2 only; the selection is T1–T3.
  const reports = [
    acceptedReport('GNZ', '2024-T1', { 'R1.1.1': 5 }),
    acceptedReport('GNZ', '2024-T3', { 'R1.1.1': 9 }),
    acceptedReport('SAL', '2024-T2', { 'R1.1.1': 4 }),
  ];
  const l = line(consolidate(fw, reports, { periods: T }), 'R1.1.1');
  // Received: GNZ T1 + T3 (5 + 10), SAL T2 (5). Selection: 4 communes × 20.
  expect(l.communes['GNZ']).toMatchObject({ planned: 15, achieved: 14 });
  expect(l.communes['SAL']).toMatchObject({ planned: 5, achieved: 4 });
  expect([l.total.planned, l.target, l.missingPlanned]).toEqual([20, 80, 60]);
});

test('a commune received without a figure for an item is not counted in that item’s planned', () => {
  const fw = framework();
  const gnz = acceptedReport('GNZ', '2024-T1', { 'R1.1.1': 4 });
  const sal = { ...acceptedReport('SAL', '2024-T1', {}), points: [{ ...indicatorPoint('R1.1.1', 0), achieved: null }] };
  const l = line(consolidate(fw, [gnz, sal], { periods: ['2024-T1'] }), 'R1.1.1');
  expect(l.communes['SAL']!.achieved).toBeNull();
  expect([l.total.achieved, l.total.planned, l.missingPlanned]).toEqual([4, 5, 15]);
});

test('the tidy data holds each number received exactly once, for the selection’s reports only', () => {
  const fw = framework();
  const t1 = { ...acceptedReport('GNZ', '2024-T1', { 'R1.1.1': 3 }) };
  const t2 = {
    ...acceptedReport('GNZ', '2024-T2', { 'R1.1.1': 4, 'R4.2.1': 2 }),
    points: [indicatorPoint('R1.1.1', 4), women('R1.1.1', 1), indicatorPoint('R4.2.1', 2)],
  };
  const sal = acceptedReport('SAL', '2024-T2', { 'R1.1.1': 6 });
  const model = consolidate(fw, [t1, t2, sal], { periods: ['2024-T2'] });
  const rows = model.data.map((d) => [d.commune, d.period, d.code, d.disaggregation, d.achieved]);
  expect(rows).toEqual([
    ['Gounzourèye', '2024-T2', 'R1.1.1', 'total', 4],
    ['Gounzourèye', '2024-T2', 'R1.1.1', 'women', 1],
    ['Gounzourèye', '2024-T2', 'R4.2.1', 'total', 2],
    ['Soni Aliber', '2024-T2', 'R1.1.1', 'total', 6],
  ]);
  // T1 is not in Données, but it feeds GNZ's cumulative to date (3 + 4).
  expect(line(model, 'R1.1.1').toDate.communes['GNZ']!.achieved).toBe(7);
  expect(line(model, 'R1.1.1').total.women).toBe(1);
});
