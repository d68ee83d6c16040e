import { communeNames, type Line } from '../../../core/consolidate/model';
import type { BeneficiaryCategory, Indicator } from '../../../core/framework/schema';
import { decimal, type IatiContext } from './context';
import { el, type XmlElement } from './xml';

/**
 * The results (README, « Architecture », IATI table): each expected result (type 1, output) with its
 * indicators, each period of the selection with its target and actual for the project, each commune
 * (`location`) and each sex (`dimension`), one value per combination; the coordinators' comments
 * where below target. The beneficiary categories make one more result, by age band.
 */

const SEXES = ['women', 'men'] as const;
const sex = (d: (typeof SEXES)[number]) => el('dimension', { name: 'sex', value: d === 'women' ? 'female' : 'male' });

/** The sum over communes when every one of them has the figure; null otherwise. */
function sumOver(communes: readonly string[], get: (c: string) => number | null): number | null {
  const values = communes.map(get);
  return values.length > 0 && values.every((v) => v !== null) ? values.reduce<number>((a, b) => a + b, 0) : null;
}

/** Coordinators' comments of a commune for a period (the model dates them when it merges several periods). */
function commentsOf(ctx: IatiContext, line: Line<Indicator>, commune: string, period: string): string[] {
  const only = ctx.model.periods.length === 1 ? ctx.model.periods[0] : null;
  return (line.communes[commune]?.comments ?? [])
    .filter((c) => (c.period ?? only) === period)
    .map((c) => c.text.trim())
    .filter(Boolean);
}

const ownTarget = (line: Line<Indicator | BeneficiaryCategory>, commune: string, period: string) =>
  line.evolution.communes[commune]?.find((p) => p.period === period)?.target ?? null;

function indicatorPeriods(ctx: IatiContext, line: Line<Indicator>): XmlElement[] {
  const { fw, value, location, say } = ctx;
  const code = line.item.code;
  return ctx.model.periods.flatMap((label) => {
    const total = line.evolution.total.find((p) => p.period === label);
    const targets: XmlElement[] = [];
    const actuals: XmlElement[] = [];
    if (total?.target != null) targets.push(value('target', total.target));
    else ctx.leftOut.push({ id: 'noTarget', params: { code, period: label } });
    for (const c of fw.communes) {
      const own = ownTarget(line, c.code, label);
      if (own !== null) targets.push(value('target', own, [location(c.code)]));
    }
    const communes = ctx.received(label).filter((c) => ctx.achieved('indicators', code, label, c, 'total') !== null);
    if (total?.achieved != null && communes.length > 0) {
      const below = total.plannedReceived !== null && total.achieved < total.plannedReceived;
      const missing = ctx.notReceived(label);
      const notes = [
        ...(missing.length > 0 ? [say('partialActual', { communes: communeNames(missing.join(', '), fw) })] : []),
        ...(below
          ? communes.flatMap((c) =>
              commentsOf(ctx, line, c, label).map((text) =>
                say('coordinatorComment', { commune: ctx.nameOf(c), text }),
              ),
            )
          : []),
      ];
      actuals.push(value('actual', total.achieved, [ctx.comment(notes)]));
      // By sex for the project: only where communes add up.
      if (line.item.aggregation.communes === 'sum')
        for (const d of SEXES) {
          const n = sumOver(communes, (c) => ctx.achieved('indicators', code, label, c, d));
          if (n !== null) actuals.push(value('actual', n, [sex(d)]));
        }
    } else ctx.leftOut.push({ id: 'noActual', params: { code, period: label } });
    for (const c of communes) {
      const own = ctx.achieved('indicators', code, label, c, 'total')!;
      const target = ownTarget(line, c, label);
      const notes = target !== null && own < target ? commentsOf(ctx, line, c, label) : [];
      actuals.push(value('actual', own, [location(c), ctx.comment(notes)]));
      for (const d of SEXES) {
        const n = ctx.achieved('indicators', code, label, c, d);
        if (n !== null) actuals.push(value('actual', n, [location(c), sex(d)]));
      }
    }
    return targets.length + actuals.length > 0 ? [ctx.periodElement(label, [...targets, ...actuals])] : [];
  });
}

function indicatorElement(ctx: IatiContext, line: Line<Indicator>): XmlElement {
  ctx.counts.indicators++;
  const baseline = line.item.baseline;
  const note = baseline?.comment?.trim();
  return el('indicator', { measure: '1', ascending: '1' }, [
    el('title', {}, [ctx.narrative(line.item.label)]),
    el('reference', { vocabulary: '99', code: line.item.code }),
    baseline
      ? el('baseline', { year: baseline.year, value: decimal(baseline.value) }, [
          note ? el('comment', {}, [ctx.narrative(note)]) : null,
        ])
      : null,
    ...indicatorPeriods(ctx, line),
  ]);
}

/** One `result` per expected result of the framework that has indicators. */
export function indicatorResults(ctx: IatiContext): XmlElement[] {
  return ctx.fw.results.flatMap((r) => {
    const lines = ctx.model.indicators.filter((l) => l.item.result === r.code);
    if (lines.length === 0) return [];
    ctx.counts.results++;
    return [
      el('result', { type: '1' }, [
        el('title', {}, [ctx.narrative(`${r.code} – ${r.statement}`)]),
        ...lines.map((line) => indicatorElement(ctx, line)),
      ]),
    ];
  });
}

/** The beneficiaries' result: one indicator, a value per age band (and sex, and commune); null without the block. */
export function beneficiaryResult(ctx: IatiContext): XmlElement | null {
  const settings = ctx.iati.beneficiaries;
  if (!settings) return null;
  const { fw, value, location } = ctx;
  const banded = ctx.model.beneficiaries.filter((l) => settings.ages[l.item.code] !== undefined);
  for (const l of ctx.model.beneficiaries)
    if (settings.ages[l.item.code] === undefined) ctx.leftOut.push({ id: 'noAgeBand', params: { code: l.item.code } });
  if (banded.length === 0) return null;
  const age = (l: Line<BeneficiaryCategory>) => el('dimension', { name: 'age', value: settings.ages[l.item.code] });
  const periods = ctx.model.periods.flatMap((label) => {
    const targets: XmlElement[] = [];
    const actuals: XmlElement[] = [];
    for (const l of banded) {
      const code = l.item.code;
      const total = l.evolution.total.find((p) => p.period === label);
      if (total?.target != null) targets.push(value('target', total.target, [age(l)]));
      else ctx.leftOut.push({ id: 'noTarget', params: { code, period: label } });
      for (const c of fw.communes) {
        const own = ownTarget(l, c.code, label);
        if (own !== null) targets.push(value('target', own, [location(c.code), age(l)]));
      }
      const communes = ctx
        .received(label)
        .filter((c) => ctx.achieved('beneficiaries', code, label, c, 'total') !== null);
      if (total?.achieved != null && communes.length > 0) {
        actuals.push(value('actual', total.achieved, [age(l)]));
        if (l.item.aggregation.communes === 'sum')
          for (const d of SEXES) {
            const n = sumOver(communes, (c) => ctx.achieved('beneficiaries', code, label, c, d));
            if (n !== null) actuals.push(value('actual', n, [age(l), sex(d)]));
          }
      } else ctx.leftOut.push({ id: 'noActual', params: { code, period: label } });
      for (const c of communes) {
        actuals.push(value('actual', ctx.achieved('beneficiaries', code, label, c, 'total')!, [location(c), age(l)]));
        for (const d of SEXES) {
          const n = ctx.achieved('beneficiaries', code, label, c, d);
          if (n !== null) actuals.push(value('actual', n, [location(c), age(l), sex(d)]));
        }
      }
    }
    return targets.length + actuals.length > 0 ? [ctx.periodElement(label, [...targets, ...actuals])] : [];
  });
  ctx.counts.results++;
  ctx.counts.indicators++;
  return el('result', { type: '1' }, [
    el('title', {}, [ctx.narrative(settings.result)]),
    el('indicator', { measure: '1', ascending: '1' }, [
      el('title', {}, [ctx.narrative(settings.indicator)]),
      ...periods,
    ]),
  ]);
}
