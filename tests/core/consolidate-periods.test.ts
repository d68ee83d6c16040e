/**
 * Consolidation per period, on small in-memory reports: a selection is compared with its own targets
 * (those of the commune-periods received), the cumulative to date with the end-of-project target, and
 * the evolution gives every reporting period. Expected figures are worked out by hand in each test.
 */
import { consolidate } from '../../core/consolidate/consolidate';
import { reconcile } from '../../core/consolidate/reconcile';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { acceptedReport, indicator, indicatorPoint, QUARTERS, setTargets, withQuarters } from '../helpers/quarters';

function quarterly() {
  const fw = withQuarters(loadFrameworkFile());
  // R1.1.1 (sum): 5, 5, 10, 5 a quarter per commune (end of project: 25). R4.2.1 (max): a ramp to 2.
  setTargets(fw, indicator(fw, 'R1.1.1').periodTargets, { '2024-T1': 5, '2024-T2': 5, '2024-T3': 10, '2024-T4': 5 });
  setTargets(fw, indicator(fw, 'R4.2.1').periodTargets, { '2024-T1': 1, '2024-T2': 1, '2024-T3': 2, '2024-T4': 2 });
  return fw;
}

const point = indicatorPoint;
const report = acceptedReport;

const line = (model: ReturnType<typeof consolidate>, code: string) =>
  model.indicators.find((l) => l.item.code === code)!;

test('one quarter: its own target (5 a commune), not the end-of-project 25; earlier quarters feed the cumulative only', () => {
  const fw = quarterly();
  const reports = [
    report('GNZ', '2024-T1', { 'R1.1.1': 4 }),
    report('GNZ', '2024-T2', { 'R1.1.1': 5 }),
    report('SAL', '2024-T2', { 'R1.1.1': 6 }),
  ];
  const model = consolidate(fw, reports, { periods: ['2024-T2'], selection: '2024-T2' });
  const l = line(model, 'R1.1.1');
  expect(model.periods).toEqual(['2024-T2']);
  expect(model.toDatePeriods).toEqual(['2023', '2024-T1', '2024-T2']);
  // GNZ and SAL reported T2: 5 + 5 planned, 5 + 6 achieved; ANS and BAR apart (5 + 5).
  expect([l.total.planned, l.total.achieved, l.missingPlanned, l.target]).toEqual([10, 11, 10, 20]);
  expect(l.communes['GNZ']).toMatchObject({ planned: 5, achieved: 5 });
  // To date: GNZ 4 + 5, SAL 6 against their end-of-project targets (25 each); the project's is 100.
  expect(l.toDate.communes['GNZ']).toEqual({ achieved: 9, target: 25 });
  expect(l.toDate.total).toEqual({ achieved: 15, target: 50 });
  expect(l.toDate.endTarget).toBe(100);
  // Données holds the selection's reports only; the reconciliation agrees on them.
  expect(new Set(model.data.map((d) => d.period))).toEqual(new Set(['2024-T2']));
  expect(
    reconcile(
      model,
      reports.filter((r) => r.period === '2024-T2'),
    ),
  ).toEqual([]);
});

test('a year with quarters missing: the target of the quarters received, never the year’s whole target', () => {
  const fw = quarterly();
  const reports = [
    report('GNZ', '2024-T1', { 'R1.1.1': 5 }),
    report('GNZ', '2024-T2', { 'R1.1.1': 5 }),
    ...QUARTERS.map((q) => report('SAL', q, { 'R1.1.1': 7 })),
  ];
  const model = consolidate(fw, reports, { periods: [...QUARTERS], selection: '2024' });
  const l = line(model, 'R1.1.1');
  // GNZ: T1 + T2 = 10 planned for 10 achieved; SAL: the whole year, 25, for 28.
  expect(l.communes['GNZ']).toMatchObject({ planned: 10, achieved: 10 });
  expect(l.communes['SAL']).toMatchObject({ planned: 25, achieved: 28 });
  expect([l.total.planned, l.total.achieved]).toEqual([35, 38]);
  // Apart: GNZ's T3 and T4 (10 + 5) and the whole year of ANS and BAR (25 each): the selection's 100 less 35.
  expect([l.missingPlanned, l.target]).toEqual([65, 100]);
  expect(model.coverage.filter((c) => c.commune === 'GNZ').map((c) => c.state)).toEqual([
    'received',
    'received',
    'missing',
    'missing',
  ]);
  expect(reconcile(model, reports)).toEqual([]);
});

test('a cumulative indicator (max): the period’s target is its own level; the cumulative keeps the highest', () => {
  const fw = quarterly();
  const reports = [
    report('GNZ', '2024-T1', { 'R4.2.1': 1 }),
    report('GNZ', '2024-T2', { 'R4.2.1': 2 }),
    report('GNZ', '2024-T3', { 'R4.2.1': 2 }),
  ];
  const model = consolidate(fw, reports, { periods: ['2024-T3'] });
  const l = line(model, 'R4.2.1');
  expect(l.communes['GNZ']).toMatchObject({ planned: 2, achieved: 2 });
  const evolution = l.evolution.communes['GNZ']!.filter((p) => p.period.startsWith('2024'));
  expect(evolution).toEqual([
    { period: '2024-T1', target: 1, plannedReceived: 1, achieved: 1, cumulative: 1 },
    { period: '2024-T2', target: 1, plannedReceived: 1, achieved: 2, cumulative: 2 },
    { period: '2024-T3', target: 2, plannedReceived: 2, achieved: 2, cumulative: 2 },
    // After the selection: the target is shown, nothing achieved or cumulated yet.
    { period: '2024-T4', target: 2, plannedReceived: null, achieved: null, cumulative: null },
  ]);
  // The project's evolution: the communes' targets add up (4 communes × 1 in T1), GNZ alone sent it.
  expect(l.evolution.total.find((p) => p.period === '2024-T1')).toEqual({
    period: '2024-T1',
    target: 4,
    plannedReceived: 1,
    achieved: 1,
    cumulative: 1,
  });
});

test('a commune that misses a quarter keeps its cumulative: the project’s cumulative never drops for a missing file', () => {
  const fw = quarterly();
  const reports = [
    report('GNZ', '2024-T1', { 'R1.1.1': 5 }),
    report('SAL', '2024-T1', { 'R1.1.1': 4 }),
    report('GNZ', '2024-T2', { 'R1.1.1': 6 }),
  ];
  const l = line(consolidate(fw, reports, { periods: ['2024-T1', '2024-T2'] }), 'R1.1.1');
  expect(l.evolution.communes['SAL']!.slice(1, 3).map((p) => [p.period, p.achieved, p.cumulative])).toEqual([
    ['2024-T1', 4, 4],
    ['2024-T2', null, 4],
  ]);
  // T2: GNZ 5 + 6, SAL still 4; only GNZ's target counts in the period's basis.
  expect(l.evolution.total.slice(1, 3).map((p) => [p.period, p.plannedReceived, p.achieved, p.cumulative])).toEqual([
    ['2024-T1', 10, 9, 9],
    ['2024-T2', 5, 6, 15],
  ]);
});

test('a period without a target: « cible non définie » (null), no rate, and no stand-in from the whole project', () => {
  const fw = loadFrameworkFile();
  const model = consolidate(fw, [report('GNZ', '2024', { 'R1.1.1': 20 }), report('SAL', '2024', { 'R1.1.1': 25 })], {
    periods: ['2024'],
  });
  const l = line(model, 'R1.1.1');
  expect([l.total.planned, l.target, l.missingPlanned]).toEqual([null, null, null]);
  expect(l.communes['GNZ']!.planned).toBeNull();
  // Where the project stands still has an answer: 45 of the 50 end-of-project target of GNZ and SAL.
  expect(l.toDate.total).toEqual({ achieved: 45, target: 50 });
  expect(l.evolution.total.find((p) => p.period === '2023')).toEqual({
    period: '2023',
    target: 100,
    plannedReceived: null,
    achieved: null,
    cumulative: null,
  });
  expect(l.evolution.total.find((p) => p.period === '2024')).toEqual({
    period: '2024',
    target: null,
    plannedReceived: null,
    achieved: 45,
    cumulative: 45,
  });
});

test('Données carries the period’s bounds, its target, the end-of-project target and the baseline', () => {
  const fw = quarterly();
  indicator(fw, 'R1.1.1').baseline = { value: 3, year: 2022 };
  const model = consolidate(fw, [{ ...report('GNZ', '2024-T2', {}), points: [point('R1.1.1', 5, 5)] }]);
  expect(model.data).toEqual([
    expect.objectContaining({
      period: '2024-T2',
      periodStart: '2024-04-01',
      periodEnd: '2024-06-30',
      planned: 5,
      endTarget: 25,
      baseline: 3,
      baselineYear: 2022,
    }),
  ]);
});
