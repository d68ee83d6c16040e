/**
 * The period tree and the target of a selection (core/framework/periods.ts): the arithmetic every rule,
 * table and chart relies on to compare a period with its own target, never the whole project's.
 */
import {
  periodTarget,
  periodTree,
  reportingPeriodsOf,
  reportingPeriodsTo,
  targetOver,
  type PeriodLike,
} from '../../core/framework/periods';

const PERIODS: PeriodLike[] = [
  { label: '2023', start: '2023-01-01', end: '2023-12-31' },
  { label: '2024', start: '2024-01-01', end: '2024-12-31' },
  // Listed out of time order on purpose: the tree orders reporting periods by their start.
  { label: '2024-T2', start: '2024-04-01', end: '2024-06-30', within: '2024' },
  { label: '2024-T1', start: '2024-01-01', end: '2024-03-31', within: '2024' },
  { label: '2024-T3', start: '2024-07-01', end: '2024-09-30', within: '2024' },
  { label: '2024-T4', start: '2024-10-01', end: '2024-12-31', within: '2024' },
];

describe('the period tree', () => {
  test('reporting periods are those that group nothing, in time order', () => {
    expect(periodTree(PERIODS).reporting).toEqual(['2023', '2024-T1', '2024-T2', '2024-T3', '2024-T4']);
    expect(periodTree(PERIODS).roots).toEqual(['2023', '2024']);
  });

  test('a year covers its quarters; a quarter covers itself', () => {
    expect(reportingPeriodsOf(PERIODS, '2024')).toEqual(['2024-T1', '2024-T2', '2024-T3', '2024-T4']);
    expect(reportingPeriodsOf(PERIODS, '2024-T3')).toEqual(['2024-T3']);
    expect(reportingPeriodsOf(PERIODS, '2023')).toEqual(['2023']);
  });

  test('to date: every reporting period up to the one given', () => {
    expect(reportingPeriodsTo(PERIODS, '2024-T2')).toEqual(['2023', '2024-T1', '2024-T2']);
    expect(reportingPeriodsTo(PERIODS, 'nope')).toEqual([]);
  });
});

describe('the target of a selection', () => {
  const quarters = { '2024-T1': { A: 10 }, '2024-T2': { A: 20 }, '2024-T3': { A: 30 }, '2024-T4': { A: 40 } };

  test('a quarter has its own target; a period without one has none (null), never a stand-in', () => {
    expect(periodTarget(PERIODS, quarters, 'A', 'sum', '2024-T2')).toBe(20);
    expect(periodTarget(PERIODS, quarters, 'A', 'sum', '2023')).toBeNull();
    expect(periodTarget(PERIODS, quarters, 'B', 'sum', '2024-T2')).toBeNull();
  });

  test('a year without its own target: its quarters by the indicator’s rule', () => {
    expect(periodTarget(PERIODS, quarters, 'A', 'sum', '2024')).toBe(100);
    expect(periodTarget(PERIODS, quarters, 'A', 'max', '2024')).toBe(40);
    // latest: the last quarter in time, whatever the framework's listing order.
    const ramp = { '2024-T1': { A: 5 }, '2024-T2': { A: 9 }, '2024-T3': { A: 7 }, '2024-T4': { A: 6 } };
    expect(periodTarget(PERIODS, ramp, 'A', 'latest', '2024')).toBe(6);
  });

  test('a year with its own target uses it when the whole year counts, the quarters’ otherwise', () => {
    const withYear = { ...quarters, 2024: { A: 90 } };
    expect(periodTarget(PERIODS, withYear, 'A', 'sum', '2024')).toBe(90);
    // Only T1 and T2 received: their own targets, not the year's.
    expect(targetOver(PERIODS, withYear, 'A', 'sum', new Set(['2024-T1', '2024-T2']))).toBe(30);
    // A year target alone: the full year has it, a part of the year has none.
    expect(periodTarget(PERIODS, { 2024: { A: 90 } }, 'A', 'sum', '2024')).toBe(90);
    expect(targetOver(PERIODS, { 2024: { A: 90 } }, 'A', 'sum', new Set(['2024-T1']))).toBeNull();
  });

  test('across years: each year by its own targets; nothing counted gives undefined', () => {
    const both = { ...quarters, 2023: { A: 50 } };
    expect(targetOver(PERIODS, both, 'A', 'sum', new Set(['2023', '2024-T1', '2024-T2']))).toBe(80);
    // One counted period without a target makes the whole selection's target unknown.
    expect(targetOver(PERIODS, quarters, 'A', 'sum', new Set(['2023', '2024-T1']))).toBeNull();
    expect(targetOver(PERIODS, quarters, 'A', 'sum', new Set())).toBeUndefined();
  });
});
