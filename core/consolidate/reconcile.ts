import type { Section } from '../extract';
import { periodTree } from '../framework/periods';
import type { AcceptedReport, Consolidated, Line } from './model';

export interface Discrepancy {
  section: Section;
  code: string;
  what: string;
  expected: number | null;
  found: number | null;
}

const sectionOf = { indicators: 'indicators', budget: 'budget', beneficiaries: 'beneficiaries' } as const;

/**
 * Checks the consolidated figures against the accepted inputs by a second, independent route:
 * every input number appears exactly once in the tidy data, and every total is recomputed from the
 * inputs themselves. An empty list means the output can be trusted.
 */
export function reconcile(model: Consolidated, reports: readonly AcceptedReport[]): Discrepancy[] {
  const found: Discrepancy[] = [];
  const inputCount = reports.reduce((n, r) => n + r.points.length, 0);
  if (inputCount !== model.data.length)
    found.push({ section: 'indicators', code: '*', what: 'data rows', expected: inputCount, found: model.data.length });

  const periodRank = new Map(periodTree(model.framework.periods).reporting.map((p, i) => [p, i]));
  const check = <T extends { code: string }>(
    section: Section,
    lines: Line<T>[],
    periodsRule: (item: T) => string,
    communesRule: (item: T) => string,
  ) => {
    for (const line of lines) {
      for (const d of ['total', 'women', 'men'] as const) {
        const byCommune = new Map<string, { rank: number; value: number }[]>();
        for (const r of reports)
          for (const p of r.points)
            if (p.section === section && p.code === line.item.code && p.disaggregation === d && p.achieved !== null) {
              const list = byCommune.get(r.commune) ?? [];
              list.push({ rank: periodRank.get(r.period) ?? 0, value: p.achieved });
              byCommune.set(r.commune, list);
            }
        const perCommune = [...byCommune.values()].map((list) => {
          const rule = periodsRule(line.item);
          if (rule === 'sum') return list.reduce((a, e) => a + e.value, 0);
          if (rule === 'max') return list.reduce((a, e) => Math.max(a, e.value), -Infinity);
          return list.reduce((a, e) => (e.rank >= a.rank ? e : a)).value;
        });
        const expected =
          perCommune.length === 0
            ? null
            : communesRule(line.item) === 'max'
              ? Math.max(...perCommune)
              : perCommune.reduce((a, b) => a + b, 0);
        const figure = d === 'total' ? line.total.achieved : d === 'women' ? line.total.women : line.total.men;
        if (figure !== expected) found.push({ section, code: line.item.code, what: d, expected, found: figure });
      }
    }
  };
  check(
    sectionOf.indicators,
    model.indicators,
    (i) => i.aggregation.periods,
    (i) => i.aggregation.communes,
  );
  check(
    sectionOf.budget,
    model.budget,
    () => 'sum',
    () => 'sum',
  );
  check(
    sectionOf.beneficiaries,
    model.beneficiaries,
    (b) => b.aggregation.periods,
    (b) => b.aggregation.communes,
  );

  // Planned: the target of the commune-periods received (the rates' basis), recomputed from the periods'
  // own targets where each has one; the end-of-project targets against the framework's totals.
  const received = new Map<string, { rank: number; period: string }[]>();
  for (const r of reports) {
    const list = received.get(r.commune) ?? [];
    list.push({ rank: periodRank.get(r.period) ?? 0, period: r.period });
    received.set(
      r.commune,
      list.sort((a, b) => a.rank - b.rank),
    );
  }
  const checkPlanned = <T extends { code: string }>(
    section: Section,
    lines: Line<T>[],
    targets: (item: T) => Readonly<Record<string, Readonly<Record<string, number>>>>,
    rule: (item: T) => string,
  ) => {
    for (const line of lines) {
      let expected: number | null = 0;
      // A commune counts for an item when some report of it gives the item a number (as in the rates).
      const reported = new Set(
        reports
          .filter((r) =>
            r.points.some(
              (p) =>
                p.section === section &&
                p.code === line.item.code &&
                p.disaggregation === 'total' &&
                p.achieved !== null,
            ),
          )
          .map((r) => r.commune),
      );
      if (reported.size === 0) continue; // nothing received for the item: no planned figure to verify
      for (const [commune, periods] of received) {
        if (!reported.has(commune)) continue;
        const values = periods.map((p) => targets(line.item)[p.period]?.[commune]);
        if (values.some((v) => v === undefined)) {
          expected = null; // a period without its own target: the model's is checked by its tests, not here
          break;
        }
        const known = values as number[];
        const r = rule(line.item);
        expected += r === 'sum' ? known.reduce((a, b) => a + b, 0) : r === 'max' ? Math.max(...known) : known.at(-1)!;
      }
      if (expected !== null && line.total.planned !== expected)
        found.push({
          section,
          code: line.item.code,
          what: 'planned (reporting communes)',
          expected,
          found: line.total.planned,
        });
    }
  };
  checkPlanned(
    sectionOf.indicators,
    model.indicators,
    (i) => i.periodTargets,
    (i) => i.aggregation.periods,
  );
  checkPlanned(
    sectionOf.budget,
    model.budget,
    (b) => b.periodPlanned,
    () => 'sum',
  );
  checkPlanned(
    sectionOf.beneficiaries,
    model.beneficiaries,
    (b) => b.periodTargets,
    (b) => b.aggregation.periods,
  );
  for (const line of model.indicators)
    if (line.toDate.endTarget !== line.item.target)
      found.push({
        section: 'indicators',
        code: line.item.code,
        what: 'end-of-project target',
        expected: line.item.target,
        found: line.toDate.endTarget,
      });
  const budgetPlanned = model.budget.reduce((a, l) => a + l.toDate.endTarget, 0);
  if (budgetPlanned !== model.framework.project.budget)
    found.push({
      section: 'budget',
      code: '*',
      what: 'planned',
      expected: model.framework.project.budget,
      found: budgetPlanned,
    });
  return found;
}
