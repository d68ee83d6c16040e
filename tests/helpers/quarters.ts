/**
 * A framework whose year 2024 groups four quarters, for tests of the period dimension: rules and
 * merges judge each period against its own target (see core/framework/periods.ts).
 */
import type { AcceptedReport } from '../../core/consolidate/model';
import type { DataPoint } from '../../core/extract';
import type { Framework } from '../../core/framework/schema';

export const QUARTERS = ['2024-T1', '2024-T2', '2024-T3', '2024-T4'] as const;
const DATES: Record<(typeof QUARTERS)[number], [string, string]> = {
  '2024-T1': ['2024-01-01', '2024-03-31'],
  '2024-T2': ['2024-04-01', '2024-06-30'],
  '2024-T3': ['2024-07-01', '2024-09-30'],
  '2024-T4': ['2024-10-01', '2024-12-31'],
};

/** Adds 2024-T1 … 2024-T4 within the year 2024 (in place); returns the framework (parsed, or raw JSON). */
export function withQuarters<F extends { periods: { label?: unknown }[] }>(fw: F): F {
  if (!fw.periods.some((p) => p.label === '2024')) throw new Error('the framework has no period 2024');
  for (const q of QUARTERS) {
    const quarter: Framework['periods'][number] = {
      label: q,
      start: DATES[q][0],
      end: DATES[q][1],
      kind: 'quarter',
      within: '2024',
    };
    fw.periods.push(quarter);
  }
  return fw;
}

type Targets = Record<string, Record<string, number>>;

/** Sets the targets of `periods` (label → value), the same value for every commune of the framework. */
export function setTargets(fw: Framework, targets: Targets, periods: Record<string, number>): void {
  for (const [label, value] of Object.entries(periods))
    targets[label] = Object.fromEntries(fw.communes.map((c) => [c.code, value]));
}

export const indicator = (fw: Framework, code: string) => {
  const found = fw.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
};

export const budgetLine = (fw: Framework, code: string) => {
  const found = fw.budgetLines.find((l) => l.code === code);
  if (!found) throw new Error(`no budget line ${code}`);
  return found;
};

/** An indicator's Total number as a report gives it (Prévu as the reader would, or null). */
export const indicatorPoint = (code: string, achieved: number, planned: number | null = null): DataPoint => ({
  section: 'indicators',
  code,
  disaggregation: 'total',
  planned,
  achieved,
  comment: '',
  source: 'Indicateurs!F2',
});

/** An accepted report of a commune and period with these indicators' achieved values, for in-memory consolidations. */
export const acceptedReport = (commune: string, period: string, values: Record<string, number>): AcceptedReport => ({
  source: `${commune}_${period}.xlsx`,
  commune,
  period,
  filledBy: 'x',
  entryDate: null,
  points: Object.entries(values).map(([code, v]) => indicatorPoint(code, v)),
});
