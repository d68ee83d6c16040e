import type { DataPoint, Disaggregation, Section } from '../extract';
import type { AggregationRule, Framework } from '../framework/schema';
import { acrossCommunes, acrossPeriods } from './aggregate';
import { coverage as coverageOf } from './coverage';
import type { AcceptedReport, CommuneFigures, Consolidated, DataRow, Line, SourceRecord } from './model';

interface ItemSpec<T> {
  section: Section;
  items: readonly T[];
  code: (item: T) => string;
  label: (item: T) => string;
  planned: (item: T, commune: string) => number;
  periods: (item: T) => AggregationRule;
  communes: (item: T) => 'sum' | 'max';
}

export interface ConsolidateOptions {
  /** Periods in scope (see periodsInScope); by default those of the accepted reports. */
  periods?: readonly string[];
  /** Every file read, to tell a refused commune-period from a missing one. */
  sources?: readonly SourceRecord[];
}

/**
 * Consolidates accepted reports (at most one per commune and period: duplicates are settled
 * before) into plain data. Pure; the writers turn it into sheets.
 *
 * One rule for every rate: achieved over the planned figure of the communes that reported. The
 * planned figure of a commune that sent nothing stays apart (`missingPlanned`): its shortfall is
 * not the activities'.
 */
export function consolidate(framework: Framework, reports: readonly AcceptedReport[], options: ConsolidateOptions = {}): Consolidated {
  const periodOrder = framework.periods.map((p) => p.label);
  const inScope = new Set([...(options.periods ?? []), ...reports.map((r) => r.period)]);
  const periods = periodOrder.filter((p) => inScope.has(p));
  const ordered = [...reports].sort((a, b) => periodOrder.indexOf(a.period) - periodOrder.indexOf(b.period));

  // (section, code, disaggregation, commune) → the value of each report, in period order.
  const index = new Map<string, { period: string; point: DataPoint }[]>();
  const key = (section: Section, code: string, d: Disaggregation, commune: string) => `${section}\u0000${code}\u0000${d}\u0000${commune}`;
  for (const report of ordered)
    for (const point of report.points) {
      const k = key(point.section, point.code, point.disaggregation, report.commune);
      const list = index.get(k) ?? [];
      list.push({ period: report.period, point });
      index.set(k, list);
    }

  const communeCodes = framework.communes.map((c) => c.code);
  const received = new Set(reports.map((r) => r.commune));

  function lines<T>(spec: ItemSpec<T>): Line<T>[] {
    return spec.items.map((item) => {
      const code = spec.code(item);
      const rule = spec.periods(item);
      const communes: Record<string, CommuneFigures> = {};
      for (const commune of communeCodes) {
        const values = (d: Disaggregation) => (index.get(key(spec.section, code, d, commune)) ?? []).map((e) => e.point.achieved);
        const got = received.has(commune);
        const totals = index.get(key(spec.section, code, 'total', commune)) ?? [];
        const comments = totals
          .filter((e) => e.point.comment !== '')
          .map((e) => (periods.length > 1 ? `${e.period} : ${e.point.comment}` : e.point.comment));
        communes[commune] = {
          planned: spec.planned(item, commune),
          achieved: got ? acrossPeriods(values('total'), rule) : null,
          women: got ? acrossPeriods(values('women'), rule) : null,
          men: got ? acrossPeriods(values('men'), rule) : null,
          comments,
        };
      }
      const all = Object.values(communes);
      const across = (pick: (f: CommuneFigures) => number | null) => acrossCommunes(all.map(pick), spec.communes(item));
      const target = all.reduce((sum, f) => sum + f.planned, 0);
      const planned = all.reduce((sum, f) => sum + (f.achieved === null ? 0 : f.planned), 0);
      const total: CommuneFigures = {
        planned,
        achieved: across((f) => f.achieved),
        women: across((f) => f.women),
        men: across((f) => f.men),
        comments: [],
      };
      return { item, communes, total, target, missingPlanned: target - planned };
    });
  }

  const indicators = lines({
    section: 'indicators',
    items: framework.indicators,
    code: (i) => i.code,
    label: (i) => i.label,
    planned: (i, c) => i.targets[c] ?? 0,
    periods: (i) => i.aggregation.periods,
    communes: (i) => i.aggregation.communes,
  });
  const budget = lines({
    section: 'budget',
    items: framework.budgetLines,
    code: (b) => b.code,
    label: (b) => b.label,
    planned: (b, c) => b.planned[c] ?? 0,
    // Spending accumulates period after period.
    periods: () => 'sum',
    communes: () => 'sum',
  });
  const beneficiaries = lines({
    section: 'beneficiaries',
    items: framework.beneficiaries,
    code: (b) => b.code,
    label: (b) => b.label,
    planned: (b, c) => b.targets[c] ?? 0,
    periods: (b) => b.aggregation.periods,
    communes: (b) => b.aggregation.communes,
  });

  const labels = new Map<string, string>([
    ...framework.indicators.map((i) => [`indicators:${i.code}`, i.label] as const),
    ...framework.budgetLines.map((b) => [`budget:${b.code}`, b.label] as const),
    ...framework.beneficiaries.map((b) => [`beneficiaries:${b.code}`, b.label] as const),
  ]);
  const communeByCode = new Map(framework.communes.map((c) => [c.code, c]));
  const data: DataRow[] = [];
  for (const report of ordered) {
    const commune = communeByCode.get(report.commune)!;
    for (const p of report.points)
      data.push({
        period: report.period,
        commune: commune.name,
        cercle: commune.cercle,
        section: p.section,
        code: p.code,
        label: labels.get(`${p.section}:${p.code}`) ?? p.code,
        disaggregation: p.disaggregation,
        planned: p.planned,
        achieved: p.achieved,
        source: report.source,
      });
  }

  const coverage = coverageOf(framework, periods, ordered, options.sources ?? []);
  const group = <T>(items: readonly T[], key: (item: T) => string) => {
    const out = new Map<string, T[]>();
    for (const item of items) {
      const list = out.get(key(item));
      if (list) list.push(item);
      else out.set(key(item), [item]);
    }
    return out;
  };
  const reportsOf = group(ordered, (r) => r.commune);
  const coverageByCommune = group(coverage, (c) => c.commune);
  return {
    framework,
    periods,
    communes: framework.communes.map((commune) => {
      const own = reportsOf.get(commune.code) ?? [];
      const missing = (coverageByCommune.get(commune.code) ?? []).filter((c) => c.state !== 'received').map((c) => c.period);
      return { commune, received: own.length > 0, complete: missing.length === 0, periods: own.map((r) => r.period), missing, sources: own.map((r) => r.source) };
    }),
    coverage,
    complete: coverage.every((c) => c.state === 'received'),
    indicators,
    budget,
    beneficiaries,
    data,
  };
}
