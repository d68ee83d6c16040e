import { acrossPeriods } from '../consolidate/aggregate';
import type { Params } from '../report';
import type { AggregationRule } from './schema';

/**
 * The periods of a project as a tree: years may group quarters, quarters months (`within`). Files report
 * on the periods that group nothing (reporting periods); a consolidation may select any period.
 */

export interface PeriodLike {
  label: string;
  start: string;
  end: string;
  within?: string | undefined;
}

export interface PeriodTree {
  byLabel: ReadonlyMap<string, PeriodLike>;
  children: ReadonlyMap<string, readonly string[]>;
  /** Reporting periods (no period within them), by start date then framework order. */
  reporting: readonly string[];
  /** Periods that no other groups, in framework order. */
  roots: readonly string[];
  /** reportingPeriodsOf, memoised per label. */
  under: Map<string, string[]>;
}

/**
 * Cached per list (the rules ask for it for every row of every file). A framework is parsed data, never
 * edited; a list that grows after a first use (tests append quarters) is read again.
 */
const trees = new WeakMap<readonly PeriodLike[], { length: number; tree: PeriodTree }>();

export function periodTree(periods: readonly PeriodLike[]): PeriodTree {
  const cached = trees.get(periods);
  if (cached && cached.length === periods.length) return cached.tree;
  const byLabel = new Map(periods.map((p) => [p.label, p]));
  const children = new Map<string, string[]>();
  for (const p of periods)
    if (p.within !== undefined && byLabel.has(p.within)) {
      const list = children.get(p.within) ?? [];
      list.push(p.label);
      children.set(p.within, list);
    }
  const order = new Map(periods.map((p, i) => [p.label, i]));
  const reporting = periods
    .filter((p) => !children.has(p.label))
    .sort((a, b) => a.start.localeCompare(b.start) || order.get(a.label)! - order.get(b.label)!)
    .map((p) => p.label);
  const roots = periods.filter((p) => p.within === undefined || !byLabel.has(p.within)).map((p) => p.label);
  const tree = { byLabel, children, reporting, roots, under: new Map<string, string[]>() };
  trees.set(periods, { length: periods.length, tree });
  return tree;
}

/** The reporting periods a period covers: itself, or those grouped under it, in time order. */
export function reportingPeriodsOf(periods: readonly PeriodLike[], label: string): string[] {
  const tree = periodTree(periods);
  const known = tree.under.get(label);
  if (known) return known;
  const under = new Set<string>();
  const walk = (l: string, depth: number) => {
    const kids = tree.children.get(l);
    if (!kids || depth > periods.length) under.add(l);
    else for (const k of kids) walk(k, depth + 1);
  };
  walk(label, 0);
  const list = tree.reporting.filter((l) => under.has(l));
  tree.under.set(label, list);
  return list;
}

export function isReportingPeriod(periods: readonly PeriodLike[], label: string): boolean {
  const tree = periodTree(periods);
  return tree.byLabel.has(label) && !tree.children.has(label);
}

/** The reporting periods up to and including `last`, in time order: what a cumulative-to-date covers. */
export function reportingPeriodsTo(periods: readonly PeriodLike[], last: string): string[] {
  const list = periodTree(periods).reporting;
  const at = list.indexOf(last);
  return at < 0 ? [] : list.slice(0, at + 1);
}

export type PeriodTargets = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * The target of one commune over the periods `counted` (a set of reporting periods, e.g. those received).
 * A grouping period whose every reporting period counts uses its own target when it has one (the year's
 * target for a full year); otherwise the targets of what counts under it add up by the indicator's rule.
 * `undefined`: nothing counts; `null`: a period that counts has no target (« cible non définie »).
 */
export function targetOver(
  periods: readonly PeriodLike[],
  targets: PeriodTargets,
  commune: string,
  rule: AggregationRule,
  counted: ReadonlySet<string>,
): number | null | undefined {
  const tree = periodTree(periods);
  const node = (label: string, depth: number): number | null | undefined => {
    const leaves = reportingPeriodsOf(periods, label);
    const count = leaves.filter((l) => counted.has(l)).length;
    if (count === 0) return undefined;
    const own = targets[label]?.[commune];
    if (count === leaves.length && own !== undefined) return own;
    const kids = tree.children.get(label);
    if (!kids || depth > periods.length) return null;
    return combine(kids.map((k) => node(k, depth + 1)));
  };
  const combine = (values: (number | null | undefined)[]): number | null | undefined => {
    const present = values.filter((v) => v !== undefined);
    if (present.length === 0) return undefined;
    if (present.some((v) => v === null)) return null;
    // How values of several periods add up: the indicator's own rule (sum, max or latest).
    return acrossPeriods(present, rule);
  };
  // Children in time order, so that « latest » takes the last period's target.
  const inTime = (labels: readonly string[]) =>
    [...labels].sort((a, b) => tree.byLabel.get(a)!.start.localeCompare(tree.byLabel.get(b)!.start));
  return combine(inTime(tree.roots).map((r) => node(r, 0)));
}

/** A period's own target for a commune, or what its reporting periods' targets add up to; null if undefined. */
export function periodTarget(
  periods: readonly PeriodLike[],
  targets: PeriodTargets,
  commune: string,
  rule: AggregationRule,
  label: string,
): number | null {
  // A reporting period (the usual case, asked for every row of every file) has its own target or none.
  if (isReportingPeriod(periods, label)) return targets[label]?.[commune] ?? null;
  return targetOver(periods, targets, commune, rule, new Set(reportingPeriodsOf(periods, label))) ?? null;
}

/** Problems with the periods themselves (unknown group, outside its group, a loop), as [index, field, message id, params]. */
export function periodProblems(
  periods: readonly PeriodLike[],
): [number, string, 'unknownPeriod' | 'notInside' | 'withinItself', Params][] {
  const byLabel = new Map(periods.map((p) => [p.label, p]));
  const out: ReturnType<typeof periodProblems> = [];
  periods.forEach((p, i) => {
    if (p.within === undefined) return;
    const parent = byLabel.get(p.within);
    if (!parent) return void out.push([i, 'within', 'unknownPeriod', { period: p.within }]);
    if (p.start < parent.start || p.end > parent.end)
      out.push([
        i,
        'within',
        'notInside',
        { period: p.label, parent: parent.label, start: parent.start, end: parent.end },
      ]);
    let up: PeriodLike | undefined = parent;
    for (let steps = 0; up?.within !== undefined; steps++) {
      if (up.label === p.label || steps > periods.length)
        return void out.push([i, 'within', 'withinItself', { period: p.label }]);
      up = byLabel.get(up.within);
    }
  });
  return out;
}
