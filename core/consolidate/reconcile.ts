import type { Section } from '../extract';
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

  const periodRank = new Map(model.framework.periods.map((p, i) => [p.label, i]));
  const check = <T extends { code: string }>(section: Section, lines: Line<T>[], periodsRule: (item: T) => string, communesRule: (item: T) => string) => {
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
  check(sectionOf.indicators, model.indicators, (i) => i.aggregation.periods, (i) => i.aggregation.communes);
  check(sectionOf.budget, model.budget, () => 'sum', () => 'sum');
  check(sectionOf.beneficiaries, model.beneficiaries, (b) => b.aggregation.periods, (b) => b.aggregation.communes);

  // Planned: the whole project's target, and the part of the communes that reported (the rates' basis).
  const reporting = new Set(reports.map((r) => r.commune));
  const plannedOf = (targets: Readonly<Record<string, number>>) => Object.entries(targets).reduce((a, [c, v]) => a + (reporting.has(c) ? v : 0), 0);
  const checkPlanned = <T extends { code: string }>(section: Section, lines: Line<T>[], targets: (item: T) => Readonly<Record<string, number>>) => {
    for (const line of lines) {
      const expected = plannedOf(targets(line.item));
      if (line.total.planned !== expected) found.push({ section, code: line.item.code, what: 'planned (reporting communes)', expected, found: line.total.planned });
      if (line.total.planned + line.missingPlanned !== line.target) found.push({ section, code: line.item.code, what: 'planned apart', expected: line.target, found: line.total.planned + line.missingPlanned });
    }
  };
  checkPlanned(sectionOf.indicators, model.indicators, (i) => i.targets);
  checkPlanned(sectionOf.budget, model.budget, (b) => b.planned);
  checkPlanned(sectionOf.beneficiaries, model.beneficiaries, (b) => b.targets);
  for (const line of model.indicators)
    if (line.target !== line.item.target)
      found.push({ section: 'indicators', code: line.item.code, what: 'planned', expected: line.item.target, found: line.target });
  const budgetPlanned = model.budget.reduce((a, l) => a + l.target, 0);
  if (budgetPlanned !== model.framework.project.budget)
    found.push({ section: 'budget', code: '*', what: 'planned', expected: model.framework.project.budget, found: budgetPlanned });
  return found;
}
