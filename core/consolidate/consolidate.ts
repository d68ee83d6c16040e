import type { DataPoint, Disaggregation, Section } from '../extract';
import {
  periodTarget as targetOfPeriod,
  periodTree,
  reportingPeriodsTo,
  targetOver,
  type PeriodTargets,
} from '../framework/periods';
import type { AggregationRule, Framework } from '../framework/schema';
import { acrossCommunes, acrossPeriods, sumOrNull } from './aggregate';
import { coverage as coverageOf } from './coverage';
import type { AcceptedReport, CommuneFigures, Consolidated, DataRow, Line, PeriodPoint, SourceRecord } from './model';

interface ItemSpec<T> {
  section: Section;
  items: readonly T[];
  code: (item: T) => string;
  /** Targets per period and commune. */
  periodTargets: (item: T) => PeriodTargets;
  /** End-of-project target per commune. */
  endTargets: (item: T) => Readonly<Record<string, number>>;
  periods: (item: T) => AggregationRule;
  communes: (item: T) => 'sum' | 'max';
}

export interface ConsolidateOptions {
  /** Reporting periods in scope (see periodsInScope); by default those of the accepted reports. */
  periods?: readonly string[];
  /** The period asked for (`--period`), for titles. */
  selection?: string;
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
export function consolidate(
  framework: Framework,
  reports: readonly AcceptedReport[],
  options: ConsolidateOptions = {},
): Consolidated {
  const timeOrder = periodTree(framework.periods).reporting;
  const rank = (p: string) => timeOrder.indexOf(p);
  const inScope = new Set(options.periods ?? reports.map((r) => r.period));
  const periods = timeOrder.filter((p) => inScope.has(p));
  const toDatePeriods = periods.length > 0 ? reportingPeriodsTo(framework.periods, periods.at(-1)!) : [];
  const toDateSet = new Set(toDatePeriods);
  // Reports of earlier periods count in the cumulative to date only; later ones in nothing.
  const used = [...reports].filter((r) => toDateSet.has(r.period)).sort((a, b) => rank(a.period) - rank(b.period));
  const ordered = used.filter((r) => inScope.has(r.period));

  // (section, code, disaggregation, commune) → the value of each report, in time order.
  const index = new Map<string, { period: string; point: DataPoint }[]>();
  const key = (section: Section, code: string, d: Disaggregation, commune: string) =>
    `${section}\u0000${code}\u0000${d}\u0000${commune}`;
  for (const report of used)
    for (const point of report.points) {
      const k = key(point.section, point.code, point.disaggregation, report.commune);
      const list = index.get(k) ?? [];
      list.push({ period: report.period, point });
      index.set(k, list);
    }

  const communeCodes = framework.communes.map((c) => c.code);
  const receivedPeriods = new Map<string, Set<string>>(communeCodes.map((c) => [c, new Set()]));
  for (const r of used) receivedPeriods.get(r.commune)?.add(r.period);
  // Each commune's periods received within the selection: computed once, read for every item.
  const receivedInScope = new Map(
    communeCodes.map((c) => [c, new Set([...receivedPeriods.get(c)!].filter((p) => inScope.has(p)))]),
  );

  function lines<T>(spec: ItemSpec<T>): Line<T>[] {
    return spec.items.map((item) => {
      const code = spec.code(item);
      const rule = spec.periods(item);
      const targets = spec.periodTargets(item);
      const endTargets = spec.endTargets(item);
      const communes: Record<string, CommuneFigures> = {};
      const toDate: Record<string, { achieved: number | null; target: number }> = {};
      const evolution: Record<string, PeriodPoint[]> = {};
      let target: number | null = 0;
      for (const commune of communeCodes) {
        const entries = (d: Disaggregation) => index.get(key(spec.section, code, d, commune)) ?? [];
        const values = (d: Disaggregation, keep: (p: string) => boolean) =>
          entries(d)
            .filter((e) => keep(e.period))
            .map((e) => e.point.achieved);
        const got = receivedInScope.get(commune)!;
        const has = got.size > 0;
        const comments = entries('total')
          .filter((e) => inScope.has(e.period) && e.point.comment !== '')
          .map((e) => ({ period: periods.length > 1 ? e.period : null, text: e.point.comment }));
        const whole = targetOver(framework.periods, targets, commune, rule, inScope);
        // A commune that sent nothing keeps its whole target on its row (shown apart, never in a rate).
        const planned = has ? (targetOver(framework.periods, targets, commune, rule, got) ?? null) : (whole ?? null);
        communes[commune] = {
          planned,
          achieved: has
            ? acrossPeriods(
                values('total', (p) => inScope.has(p)),
                rule,
              )
            : null,
          women: has
            ? acrossPeriods(
                values('women', (p) => inScope.has(p)),
                rule,
              )
            : null,
          men: has
            ? acrossPeriods(
                values('men', (p) => inScope.has(p)),
                rule,
              )
            : null,
          comments,
        };
        target = target === null || whole === null ? null : target + (whole ?? 0);
        toDate[commune] = {
          achieved: acrossPeriods(
            values('total', () => true),
            rule,
          ),
          target: endTargets[commune] ?? 0,
        };
        const byPeriod = new Map(entries('total').map((e) => [e.period, e.point.achieved]));
        const seen: (number | null)[] = [];
        evolution[commune] = timeOrder.map((period) => {
          const achieved = byPeriod.has(period) ? byPeriod.get(period)! : null;
          if (toDateSet.has(period)) seen.push(achieved);
          const periodTarget = targetOfPeriod(framework.periods, targets, commune, rule, period);
          return {
            period,
            target: periodTarget,
            plannedReceived: achieved === null ? null : periodTarget,
            achieved,
            // After the selection nothing is cumulated yet; before, what the commune sent so far.
            cumulative: toDateSet.has(period) ? acrossPeriods(seen, rule) : null,
          };
        });
      }
      const all = Object.values(communes);
      const across = (pick: (f: CommuneFigures) => number | null) => acrossCommunes(all.map(pick), spec.communes(item));
      const reporting = communeCodes.filter((c) => communes[c]!.achieved !== null);
      // Nothing received and no target for the selection: « cible non définie », not a planned 0.
      const planned =
        reporting.length === 0 && target === null ? null : sumOrNull(reporting.map((c) => communes[c]!.planned));
      const total: CommuneFigures = {
        planned,
        achieved: across((f) => f.achieved),
        women: across((f) => f.women),
        men: across((f) => f.men),
        comments: [],
      };
      const reportedToDate = communeCodes.filter((c) => toDate[c]!.achieved !== null);
      const endTarget = communeCodes.reduce((sum, c) => sum + (endTargets[c] ?? 0), 0);
      const totalToDate = {
        achieved: acrossCommunes(
          reportedToDate.map((c) => toDate[c]!.achieved),
          spec.communes(item),
        ),
        target: reportedToDate.reduce((sum, c) => sum + toDate[c]!.target, 0),
      };
      const totalEvolution = timeOrder.map((period, i) => {
        const points = communeCodes.map((c) => evolution[c]![i]!);
        const periodTargets = points.map((p) => p.target);
        const sent = points.filter((p) => p.achieved !== null);
        const sentTargets = sent.map((p) => p.target);
        // Targets add up over communes whatever the achieved's rule (the framework's commune targets sum to the project's).
        return {
          period,
          target: sumOrNull(periodTargets),
          plannedReceived: sent.length === 0 ? null : sumOrNull(sentTargets),
          achieved: acrossCommunes(
            points.map((p) => p.achieved),
            spec.communes(item),
          ),
          cumulative: acrossCommunes(
            points.map((p) => p.cumulative),
            spec.communes(item),
          ),
        };
      });
      return {
        item,
        communes,
        total,
        target,
        // The target of the commune-periods not received: whole communes, and the missing quarters of the others.
        missingPlanned: target === null || planned === null ? null : target - planned,
        toDate: { communes: toDate, total: totalToDate, endTarget },
        evolution: { total: totalEvolution, communes: evolution },
      };
    });
  }

  const indicators = lines({
    section: 'indicators',
    items: framework.indicators,
    code: (i) => i.code,
    periodTargets: (i) => i.periodTargets,
    endTargets: (i) => i.targets,
    periods: (i) => i.aggregation.periods,
    communes: (i) => i.aggregation.communes,
  });
  const budget = lines({
    section: 'budget',
    items: framework.budgetLines,
    code: (b) => b.code,
    periodTargets: (b) => b.periodPlanned,
    endTargets: (b) => b.planned,
    // Spending accumulates period after period.
    periods: () => 'sum',
    communes: () => 'sum',
  });
  const beneficiaries = lines({
    section: 'beneficiaries',
    items: framework.beneficiaries,
    code: (b) => b.code,
    periodTargets: (b) => b.periodTargets,
    endTargets: (b) => b.targets,
    periods: (b) => b.aggregation.periods,
    communes: (b) => b.aggregation.communes,
  });

  const labels = new Map<string, string>([
    ...framework.indicators.map((i) => [`indicators:${i.code}`, i.label] as const),
    ...framework.budgetLines.map((b) => [`budget:${b.code}`, b.label] as const),
    ...framework.beneficiaries.map((b) => [`beneficiaries:${b.code}`, b.label] as const),
  ]);
  const communeByCode = new Map(framework.communes.map((c) => [c.code, c]));
  const periodByLabel = new Map(framework.periods.map((p) => [p.label, p]));
  const baselines = new Map(framework.indicators.map((i) => [i.code, i.baseline]));
  const endTargets = new Map<string, Readonly<Record<string, number>>>([
    ...framework.indicators.map((i) => [`indicators:${i.code}`, i.targets] as const),
    ...framework.budgetLines.map((b) => [`budget:${b.code}`, b.planned] as const),
    ...framework.beneficiaries.map((b) => [`beneficiaries:${b.code}`, b.targets] as const),
  ]);
  const data: DataRow[] = [];
  for (const report of ordered) {
    const commune = communeByCode.get(report.commune)!;
    const period = periodByLabel.get(report.period);
    for (const p of report.points) {
      const onTotal = p.disaggregation === 'total';
      const baseline = onTotal && p.section === 'indicators' ? baselines.get(p.code) : undefined;
      data.push({
        period: report.period,
        periodStart: period?.start ?? '',
        periodEnd: period?.end ?? '',
        endTarget: onTotal ? (endTargets.get(`${p.section}:${p.code}`)?.[report.commune] ?? null) : null,
        baseline: baseline?.value ?? null,
        baselineYear: baseline?.year ?? null,
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
    selection: options.selection ?? null,
    toDatePeriods,
    toDateMissing: toDatePeriods
      .filter((p) => !inScope.has(p))
      .map((period) => ({ period, communes: communeCodes.filter((c) => !receivedPeriods.get(c)!.has(period)) }))
      .filter((m) => m.communes.length > 0),
    communes: framework.communes.map((commune) => {
      const own = reportsOf.get(commune.code) ?? [];
      const missing = (coverageByCommune.get(commune.code) ?? [])
        .filter((c) => c.state !== 'received')
        .map((c) => c.period);
      return {
        commune,
        received: own.length > 0,
        complete: missing.length === 0,
        periods: own.map((r) => r.period),
        missing,
        sources: own.map((r) => r.source),
      };
    }),
    coverage,
    complete: coverage.every((c) => c.state === 'received'),
    indicators,
    budget,
    beneficiaries,
    data,
  };
}
