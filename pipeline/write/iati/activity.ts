import {
  communeNames,
  type Consolidated,
  type DataRow,
  type Line,
  type SourceRecord,
} from '../../../core/consolidate/model';
import { periodTree } from '../../../core/framework/periods';
import type { IatiSettings } from '../../../core/framework/iati';
import type { BeneficiaryCategory, Indicator, Period } from '../../../core/framework/schema';
import type { Lang } from '../../../core/messages';
import { iatiText, type IatiTextId } from '../../../core/messages/exports-iati';
import type { Params } from '../../../core/report';
import { el, serialise, type XmlElement } from './xml';

/**
 * The consolidated model as one IATI 2.03 activity (README, « Export IATI »). Only accepted data are
 * written: what is missing (a commune's period not received, a file refused, a period without target…)
 * is listed in `leftOut`, never filled in. Everything that is not data comes from the framework's `iati`
 * block; the mapping of the model onto `result` is the README's table (« Architecture »).
 */

export type IatiLeftOutId =
  | 'periodNotReceived'
  | 'fileRejected'
  | 'sourceRejected'
  | 'noTarget'
  | 'noActual'
  | 'noAgeBand'
  | 'noSpent'
  | 'budgetIncomplete';

export interface IatiLeftOut {
  id: IatiLeftOutId;
  params: Params;
}

export interface IatiCounts {
  activities: number;
  results: number;
  indicators: number;
  periods: number;
  /** `target` and `actual` elements written, each with its value. */
  values: number;
  budgets: number;
  transactions: number;
}

export interface IatiDocument {
  xml: string;
  counts: IatiCounts;
  leftOut: IatiLeftOut[];
}

/** IATI wants `xs:dateTime` without milliseconds. */
const dateTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
/** A plain decimal for `@value`: never a French or grouped number. */
const decimal = (n: number) => String(n);

export function buildIati(
  model: Consolidated,
  sources: readonly SourceRecord[],
  iati: IatiSettings,
  now: Date,
): IatiDocument {
  const fw = model.framework;
  const lang: Lang = iati.language === 'en' ? 'en' : 'fr';
  const say = (id: IatiTextId, params: Params = {}) => iatiText(id, params, lang);
  const narrative = (text: string, withLang = false) =>
    el('narrative', withLang ? { 'xml:lang': iati.language } : {}, [], text);
  const names = new Map(fw.communes.map((c) => [c.code, c.name]));
  const nameOf = (code: string) => names.get(code) ?? code;
  const locationRef = (code: string) => iati.locations.communes[code]?.ref ?? code;
  const periodOf = new Map<string, Period>(fw.periods.map((p) => [p.label, p]));
  const leftOut: IatiLeftOut[] = [];
  const counts: IatiCounts = {
    activities: 1,
    results: 0,
    indicators: 0,
    periods: 0,
    values: 0,
    budgets: 0,
    transactions: 0,
  };

  // What could not come in: every commune × period in scope not received, or refused, and a refused file
  // that names no commune or period of the scope.
  const covered = new Set<string>();
  for (const c of model.coverage) {
    c.files.forEach((f) => covered.add(f));
    if (c.state === 'missing')
      leftOut.push({ id: 'periodNotReceived', params: { commune: nameOf(c.commune), period: c.period } });
    if (c.state === 'rejected')
      leftOut.push({
        id: 'fileRejected',
        params: { commune: nameOf(c.commune), period: c.period, files: c.files.join(', ') },
      });
  }
  for (const s of sources)
    if (s.status === 'rejected' && !covered.has(s.file))
      leftOut.push({ id: 'sourceRejected', params: { file: s.file } });
  const received = (period: string) =>
    model.coverage.filter((c) => c.period === period && c.state === 'received').map((c) => c.commune);
  const notReceived = (period: string) =>
    model.coverage.filter((c) => c.period === period && c.state !== 'received').map((c) => c.commune);

  // The tidy rows (the `Données` sheet), by section, code, period, commune and disaggregation.
  const rows = new Map<string, DataRow>();
  const rowKey = (section: string, code: string, period: string, commune: string, d: string) =>
    `${section}|${code}|${period}|${commune}|${d}`;
  // `Données` names the commune; the rest of the model, and the framework, by code.
  const codeOf = new Map(fw.communes.map((c) => [c.name, c.code]));
  for (const r of model.data)
    rows.set(rowKey(r.section, r.code, r.period, codeOf.get(r.commune) ?? r.commune, r.disaggregation), r);
  const achieved = (section: string, code: string, period: string, commune: string, d: 'total' | 'women' | 'men') =>
    rows.get(rowKey(section, code, period, commune, d))?.achieved ?? null;

  const location = (code: string) => el('location', { ref: locationRef(code) });
  const sex = (d: 'women' | 'men') => el('dimension', { name: 'sex', value: d === 'women' ? 'female' : 'male' });
  const value = (kind: 'target' | 'actual', n: number, children: (XmlElement | null)[] = []) => {
    counts.values++;
    return el(kind, { value: decimal(n) }, children);
  };
  const comment = (texts: string[]) =>
    texts.length > 0 ? el('comment', {}, [narrative(texts.join(say('commentSeparator')))]) : null;
  /** Coordinators' comments of a commune for a period (the model dates them when it merges several periods). */
  const commentsOf = (line: Line<Indicator>, commune: string, period: string) =>
    (line.communes[commune]?.comments ?? [])
      .filter((c) => (c.period ?? (model.periods.length === 1 ? model.periods[0] : null)) === period)
      .map((c) => c.text.trim())
      .filter(Boolean);
  /** Sums over the communes received, when the item adds up across communes and every one of them has the figure. */
  const sumOver = (communes: string[], get: (c: string) => number | null) => {
    const values = communes.map(get);
    return values.length > 0 && values.every((v) => v !== null) ? values.reduce<number>((a, b) => a + b, 0) : null;
  };

  const periodElement = (label: string, measures: XmlElement[]) => {
    const p = periodOf.get(label)!;
    counts.periods++;
    return el('period', {}, [
      el('period-start', { 'iso-date': p.start }),
      el('period-end', { 'iso-date': p.end }),
      ...measures,
    ]);
  };

  const indicatorPeriods = (line: Line<Indicator>): XmlElement[] =>
    model.periods.flatMap((label) => {
      const total = line.evolution.total.find((p) => p.period === label);
      const code = line.item.code;
      const targets: XmlElement[] = [];
      const actuals: XmlElement[] = [];
      if (total?.target != null) targets.push(value('target', total.target));
      else leftOut.push({ id: 'noTarget', params: { code, period: label } });
      for (const c of fw.communes) {
        const own = line.evolution.communes[c.code]?.find((p) => p.period === label)?.target;
        if (own != null) targets.push(value('target', own, [location(c.code)]));
      }
      const communes = received(label).filter((c) => achieved('indicators', code, label, c, 'total') !== null);
      if (total?.achieved != null && communes.length > 0) {
        const below = total.plannedReceived !== null && total.achieved < total.plannedReceived;
        const missing = notReceived(label);
        const notes = [
          ...(missing.length > 0 ? [say('partialActual', { communes: communeNames(missing.join(', '), fw) })] : []),
          ...(below
            ? communes.flatMap((c) =>
                commentsOf(line, c, label).map((text) => say('coordinatorComment', { commune: nameOf(c), text })),
              )
            : []),
        ];
        actuals.push(value('actual', total.achieved, [comment(notes)]));
        // By sex for the project: only where communes add up.
        if (line.item.aggregation.communes === 'sum')
          for (const d of ['women', 'men'] as const) {
            const n = sumOver(communes, (c) => achieved('indicators', code, label, c, d));
            if (n !== null) actuals.push(value('actual', n, [sex(d)]));
          }
      } else leftOut.push({ id: 'noActual', params: { code, period: label } });
      for (const c of communes) {
        const own = achieved('indicators', code, label, c, 'total')!;
        const target = line.evolution.communes[c]?.find((p) => p.period === label)?.target ?? null;
        const notes = target !== null && own < target ? commentsOf(line, c, label) : [];
        actuals.push(value('actual', own, [location(c), comment(notes)]));
        for (const d of ['women', 'men'] as const) {
          const n = achieved('indicators', code, label, c, d);
          if (n !== null) actuals.push(value('actual', n, [location(c), sex(d)]));
        }
      }
      return targets.length + actuals.length > 0 ? [periodElement(label, [...targets, ...actuals])] : [];
    });

  const indicatorElement = (line: Line<Indicator>) => {
    counts.indicators++;
    const baseline = line.item.baseline;
    return el('indicator', { measure: '1', ascending: '1' }, [
      el('title', {}, [narrative(line.item.label)]),
      el('reference', { vocabulary: '99', code: line.item.code }),
      baseline
        ? el('baseline', { year: baseline.year, value: decimal(baseline.value) }, [
            baseline.comment?.trim() ? el('comment', {}, [narrative(baseline.comment.trim())]) : null,
          ])
        : null,
      ...indicatorPeriods(line),
    ]);
  };

  const results: XmlElement[] = fw.results.flatMap((r) => {
    const lines = model.indicators.filter((l) => l.item.result === r.code);
    if (lines.length === 0) return [];
    counts.results++;
    return [
      el('result', { type: '1' }, [
        el('title', {}, [narrative(`${r.code} – ${r.statement}`)]),
        ...lines.map(indicatorElement),
      ]),
    ];
  });

  // The beneficiary categories: one more result, its indicator disaggregated by age band (and sex, place).
  if (iati.beneficiaries) {
    const ages = iati.beneficiaries.ages;
    const banded = model.beneficiaries.filter((l) => ages[l.item.code] !== undefined);
    for (const l of model.beneficiaries)
      if (ages[l.item.code] === undefined) leftOut.push({ id: 'noAgeBand', params: { code: l.item.code } });
    if (banded.length > 0) {
      const age = (l: Line<BeneficiaryCategory>) => el('dimension', { name: 'age', value: ages[l.item.code] });
      const periods = model.periods.flatMap((label) => {
        const measures: XmlElement[] = [];
        const actuals: XmlElement[] = [];
        const communes = received(label);
        for (const l of banded) {
          const code = l.item.code;
          const total = l.evolution.total.find((p) => p.period === label);
          if (total?.target != null) measures.push(value('target', total.target, [age(l)]));
          else leftOut.push({ id: 'noTarget', params: { code, period: label } });
          for (const c of fw.communes) {
            const own = l.evolution.communes[c.code]?.find((p) => p.period === label)?.target;
            if (own != null) measures.push(value('target', own, [location(c.code), age(l)]));
          }
          const withData = communes.filter((c) => achieved('beneficiaries', code, label, c, 'total') !== null);
          if (total?.achieved != null && withData.length > 0) {
            actuals.push(value('actual', total.achieved, [age(l)]));
            if (l.item.aggregation.communes === 'sum')
              for (const d of ['women', 'men'] as const) {
                const n = sumOver(withData, (c) => achieved('beneficiaries', code, label, c, d));
                if (n !== null) actuals.push(value('actual', n, [age(l), sex(d)]));
              }
          } else leftOut.push({ id: 'noActual', params: { code, period: label } });
          for (const c of withData) {
            actuals.push(value('actual', achieved('beneficiaries', code, label, c, 'total')!, [location(c), age(l)]));
            for (const d of ['women', 'men'] as const) {
              const n = achieved('beneficiaries', code, label, c, d);
              if (n !== null) actuals.push(value('actual', n, [location(c), age(l), sex(d)]));
            }
          }
        }
        return measures.length + actuals.length > 0 ? [periodElement(label, [...measures, ...actuals])] : [];
      });
      counts.results++;
      counts.indicators++;
      results.push(
        el('result', { type: '1' }, [
          el('title', {}, [narrative(iati.beneficiaries.result)]),
          el('indicator', { measure: '1', ascending: '1' }, [
            el('title', {}, [narrative(iati.beneficiaries.indicator)]),
            ...periods,
          ]),
        ]),
      );
    }
  }

  // Planned budget: each reporting period with planned amounts (budgetLines[].periodPlanned), every commune.
  const currency = fw.project.currency;
  const money = (amount: number, date: string) => el('value', { currency, 'value-date': date }, [], decimal(amount));
  const budgets = periodTree(fw.periods).reporting.flatMap((label) => {
    const lines = fw.budgetLines.filter((l) => l.periodPlanned[label] !== undefined);
    if (lines.length === 0) return [];
    const missing = fw.budgetLines.filter((l) => l.periodPlanned[label] === undefined).map((l) => l.code);
    if (missing.length > 0)
      leftOut.push({ id: 'budgetIncomplete', params: { period: label, codes: missing.join(', ') } });
    const amount = lines.reduce((a, l) => a + Object.values(l.periodPlanned[label]!).reduce((x, y) => x + y, 0), 0);
    const p = periodOf.get(label)!;
    counts.budgets++;
    return [
      el('budget', { type: iati.budget.type, status: iati.budget.status }, [
        el('period-start', { 'iso-date': p.start }),
        el('period-end', { 'iso-date': p.end }),
        money(amount, p.start),
      ]),
    ];
  });

  // Expenditure: what the communes received reported spent in each period (never a date in the future).
  const today = now.toISOString().slice(0, 10);
  const transactions = model.periods.flatMap((label) => {
    const communes = received(label).filter((c) =>
      fw.budgetLines.some((l) => achieved('budget', l.code, label, c, 'total') !== null),
    );
    if (communes.length === 0) {
      leftOut.push({ id: 'noSpent', params: { period: label } });
      return [];
    }
    const spent = communes.reduce(
      (a, c) => a + fw.budgetLines.reduce((x, l) => x + (achieved('budget', l.code, label, c, 'total') ?? 0), 0),
      0,
    );
    const p = periodOf.get(label)!;
    const date = p.end < today ? p.end : today;
    const missing = fw.communes.map((c) => c.code).filter((c) => !communes.includes(c));
    const text =
      missing.length > 0
        ? say('expenditurePartial', {
            period: label,
            communes: communeNames(communes.join(', '), fw),
            missing: communeNames(missing.join(', '), fw),
          })
        : say('expenditure', { period: label, communes: communeNames(communes.join(', '), fw) });
    counts.transactions++;
    return [
      el('transaction', {}, [
        el('transaction-type', { code: '4' }),
        el('transaction-date', { 'iso-date': date }),
        money(spent, date),
        el('description', {}, [narrative(text)]),
      ]),
    ];
  });

  const locations = fw.communes.map((c) => {
    const known = iati.locations.communes[c.code];
    return el('location', { ref: locationRef(c.code) }, [
      el('location-reach', { code: iati.locations.reach }),
      known?.id ? el('location-id', { vocabulary: known.id.vocabulary, code: known.id.code }) : null,
      el('name', {}, [narrative(c.name)]),
      el('description', {}, [narrative(say('communeDescription', { commune: c.name, cercle: c.cercle }))]),
      known?.administrative
        ? el('administrative', {
            vocabulary: known.administrative.vocabulary,
            code: known.administrative.code,
            level: known.administrative.level,
          })
        : null,
      known?.point
        ? el('point', { srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326' }, [
            el('pos', {}, [], `${known.point.latitude} ${known.point.longitude}`),
          ])
        : null,
      el('exactness', { code: iati.locations.exactness }),
      el('location-class', { code: iati.locations.class }),
    ]);
  });

  const project = fw.project;
  const activity = el(
    'iati-activity',
    {
      'last-updated-datetime': dateTime(now),
      'xml:lang': iati.language,
      'default-currency': currency,
      hierarchy: 1,
    },
    [
      el('iati-identifier', {}, [], iati.identifier),
      el('reporting-org', { ref: iati.reportingOrg.ref, type: iati.reportingOrg.type }, [
        narrative(iati.reportingOrg.name),
      ]),
      el('title', {}, [narrative(project.title, true)]),
      el('description', { type: '1' }, [
        narrative(
          say('description', {
            title: project.shortTitle,
            region: project.region,
            country: project.country,
            communes: fw.communes.map((c) => c.name).join(', '),
            implementer: project.implementer,
          }),
          true,
        ),
      ]),
      ...iati.participatingOrgs.map((o) =>
        el('participating-org', { ref: o.ref, type: o.type, role: o.role }, [narrative(o.name)]),
      ),
      el('activity-status', { code: iati.activityStatus }),
      ...iati.activityDates.map((d) => el('activity-date', { type: d.type, 'iso-date': d.date })),
      el('recipient-country', { code: iati.recipientCountry, percentage: 100 }),
      ...locations,
      ...iati.sectors.map((s) => el('sector', { vocabulary: s.vocabulary, code: s.code, percentage: s.percentage })),
      iati.defaultAidType ? el('default-aid-type', { code: iati.defaultAidType, vocabulary: '1' }) : null,
      ...budgets,
      ...transactions,
      ...results,
    ],
  );
  return {
    xml: serialise(el('iati-activities', { version: '2.03', 'generated-datetime': dateTime(now) }, [activity])),
    counts,
    leftOut,
  };
}
