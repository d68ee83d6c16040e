import { cappedMean, rateOf } from '../../core/consolidate/rates';
import { sumOrNull } from '../../core/consolidate/aggregate';
import { extract } from '../../core/extract';
import type { Framework } from '../../core/framework/schema';
import { SHEET_NAMES } from '../../core/layout/contract';
import { findSheet } from '../../core/layout/locate';
import type { TemplatePlan } from '../../core/layout/plan';
import type { Issue, Report } from '../../core/report';
import type { Tables } from '../../core/tables';
import { normalise } from '../../core/text';

/** What the pane shows, computed without the DOM nor Office (tested in Node). */

/** A template has its « Indicateurs » or its « _meta » sheet; anything else is another workbook. */
export function isTemplate(tables: Tables): boolean {
  return findSheet(tables, SHEET_NAMES.indicators) !== null || findSheet(tables, SHEET_NAMES.meta) !== null;
}

export interface IssueGroup {
  /** null: about the workbook as a whole. */
  sheet: string | null;
  issues: Issue[];
}

/** Issues grouped by sheet, in the report's order (sheet order, then row and column). */
export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups: IssueGroup[] = [];
  for (const issue of issues) {
    let group = groups.find((g) => g.sheet === issue.sheet);
    if (!group) groups.push((group = { sheet: issue.sheet, issues: [] }));
    group.issues.push(issue);
  }
  // Workbook-level issues (wrong template, missing sheets) come first: they explain the rest.
  return [...groups.filter((g) => g.sheet === null), ...groups.filter((g) => g.sheet !== null)];
}

export interface IndicatorLine {
  code: string;
  label: string;
  unit: string;
  planned: number | null;
  achieved: number | null;
  /** achieved / planned in percent, rounded; null when it cannot be computed. */
  rate: number | null;
}

export interface ResultLine {
  code: string;
  statement: string;
  indicators: IndicatorLine[];
  /** Mean of the indicators' rates (each capped at 100 %, so one over-achievement does not hide a gap). */
  averageRate: number | null;
}

export interface Summary {
  commune: string | null;
  communeName: string | null;
  period: string | null;
  filled: number;
  inputs: number;
  completeness: number;
  results: ResultLine[];
  budget: { planned: number | null; spent: number; rate: number | null };
  /** The framework's thresholds for a good and a fair rate, in percent. */
  thresholds: { good: number; fair: number };
}

export function rate(achieved: number | null, planned: number | null): number | null {
  if (achieved === null || planned === null || planned <= 0) return null;
  return Math.round((achieved / planned) * 100);
}

export function summarise(tables: Tables, framework: Framework, report: Report): Summary {
  const data = extract(tables, framework);
  const commune = framework.communes.find((c) => c.code === report.commune) ?? null;
  const totals = data.points.filter((p) => p.section === 'indicators' && p.disaggregation === 'total');
  const results: ResultLine[] = framework.results
    .map((result) => {
      const indicators = framework.indicators
        .filter((ind) => ind.result === result.code)
        .flatMap((ind) => {
          const point = totals.find((p) => p.code === ind.code);
          if (!point) return [];
          return [
            {
              code: ind.code,
              label: ind.label,
              unit: ind.unit,
              planned: point.planned,
              achieved: point.achieved,
              rate: rate(point.achieved, point.planned),
            },
          ];
        });
      // The consolidated workbook's rule (core/consolidate/rates), on unrounded rates; rounded for display only.
      const mean = cappedMean(
        indicators.map((i) => (i.achieved === null || i.planned === null ? null : rateOf(i.achieved, i.planned))),
      );
      const averageRate = mean === null ? null : Math.round(mean * 100);
      return { code: result.code, statement: result.statement, indicators, averageRate };
    })
    .filter((r) => r.indicators.length > 0);
  const budgetPoints = data.points.filter((p) => p.section === 'budget');
  // No planned amount for the period (« cible non définie »): said so, never read as 0 FCFA planned.
  const planned = sumOrNull(budgetPoints.map((p) => p.planned));
  const spent = budgetPoints.reduce((s, p) => s + (p.achieved ?? 0), 0);
  const { filled, inputs } = report.stats;
  return {
    commune: report.commune,
    communeName: commune?.name ?? null,
    period: report.period ?? data.period,
    filled,
    inputs,
    completeness: inputs > 0 ? Math.round((filled / inputs) * 100) : 0,
    results,
    budget: { planned, spent, rate: rate(spent, planned) },
    thresholds: {
      good: Math.round(framework.thresholds.rateGood * 100),
      fair: Math.round(framework.thresholds.rateFair * 100),
    },
  };
}

/** The template's sheets that already exist in this workbook (found the way the validator finds them). */
export function conflictingSheets(tables: Tables, plan: TemplatePlan): string[] {
  return plan.sheets
    .map((s) => s.name)
    .filter((name) => tables.sheets.some((s) => normalise(s.name) === normalise(name)));
}

/** The sheets to drop after writing a template: those of a blank workbook (all empty), else none. */
export function blankSheets(tables: Tables): string[] {
  return tables.sheets.every((s) => s.rows.length === 0) ? tables.sheets.map((s) => s.name) : [];
}

/** The template's sheets the user edits, to watch for changes. */
export function watchedSheets(tables: Tables): string[] {
  const names = [SHEET_NAMES.identification, SHEET_NAMES.indicators, SHEET_NAMES.budget, SHEET_NAMES.beneficiaries];
  return names.map((n) => findSheet(tables, n)?.name).filter((n): n is string => Boolean(n));
}

type Handle = ReturnType<typeof setTimeout>;
export interface Timers {
  set(fn: () => void, ms: number): Handle;
  clear(handle: Handle): void;
}
// Wrapped: a browser refuses setTimeout called as a method of another object (« Illegal invocation »).
const GLOBAL_TIMERS: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle) };

/** Calls `fn` once calls have stopped for `wait` ms. */
export function debounce(
  fn: () => void,
  wait: number,
  timers: Timers = GLOBAL_TIMERS,
): (() => void) & { cancel(): void } {
  let handle: Handle | undefined;
  const run = () => {
    if (handle !== undefined) timers.clear(handle);
    handle = timers.set(() => {
      handle = undefined;
      fn();
    }, wait);
  };
  return Object.assign(run, {
    cancel() {
      if (handle !== undefined) timers.clear(handle);
      handle = undefined;
    },
  });
}
