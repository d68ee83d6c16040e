import type { Consolidated, DataRow, SourceRecord } from '../../../core/consolidate/model';
import type { IatiSettings } from '../../../core/framework/iati';
import type { Framework, Period } from '../../../core/framework/schema';
import type { Lang } from '../../../core/messages';
import { iatiText, type IatiTextId } from '../../../core/messages/exports-iati';
import type { Params } from '../../../core/report';
import { el, type XmlElement } from './xml';

/**
 * What every part of the IATI activity shares: the model and the framework's `iati` block, the accepted
 * figures of `Données` by commune code, who was received, the counts, and the list of what was left out.
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

export type Disaggregation = 'total' | 'women' | 'men';

export interface IatiContext {
  model: Consolidated;
  fw: Framework;
  iati: IatiSettings;
  now: Date;
  leftOut: IatiLeftOut[];
  counts: IatiCounts;
  /** A text of the file, in the framework's `iati.language`. */
  say: (id: IatiTextId, params?: Params) => string;
  narrative: (text: string, withLang?: boolean) => XmlElement;
  nameOf: (commune: string) => string;
  period: (label: string) => Period;
  /** The accepted `Réalisé` of `Données` (null: no such row, or no number). */
  achieved: (section: string, code: string, period: string, commune: string, d: Disaggregation) => number | null;
  /** Communes with an accepted file for the period, and those without. */
  received: (period: string) => string[];
  notReceived: (period: string) => string[];
  locationRef: (commune: string) => string;
  location: (commune: string) => XmlElement;
  /** A `target` or `actual` with its value (counted). */
  value: (kind: 'target' | 'actual', n: number, children?: (XmlElement | null)[]) => XmlElement;
  comment: (texts: string[]) => XmlElement | null;
  /** A result period (counted) with its measures. */
  periodElement: (label: string, measures: XmlElement[]) => XmlElement;
}

/** A plain decimal for `@value`: never a French or grouped number. */
export const decimal = (n: number): string => String(n);

export function iatiContext(
  model: Consolidated,
  sources: readonly SourceRecord[],
  iati: IatiSettings,
  now: Date,
): IatiContext {
  const fw = model.framework;
  const lang: Lang = iati.language === 'en' ? 'en' : 'fr';
  const names = new Map(fw.communes.map((c) => [c.code, c.name]));
  const nameOf = (code: string) => names.get(code) ?? code;
  const periods = new Map<string, Period>(fw.periods.map((p) => [p.label, p]));
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

  // The tidy rows (the `Données` sheet) by section, code, period, commune and disaggregation; `Données`
  // names the commune, the rest of the model and the framework use its code.
  const rows = new Map<string, DataRow>();
  const rowKey = (section: string, code: string, period: string, commune: string, d: string) =>
    `${section}|${code}|${period}|${commune}|${d}`;
  const codeOf = new Map(fw.communes.map((c) => [c.name, c.code]));
  for (const r of model.data)
    rows.set(rowKey(r.section, r.code, r.period, codeOf.get(r.commune) ?? r.commune, r.disaggregation), r);

  const ctx: IatiContext = {
    model,
    fw,
    iati,
    now,
    leftOut,
    counts,
    say: (id, params = {}) => iatiText(id, params, lang),
    narrative: (text, withLang = false) => el('narrative', withLang ? { 'xml:lang': iati.language } : {}, [], text),
    nameOf,
    period: (label) => periods.get(label)!,
    achieved: (section, code, period, commune, d) =>
      rows.get(rowKey(section, code, period, commune, d))?.achieved ?? null,
    received: (period) =>
      model.coverage.filter((c) => c.period === period && c.state === 'received').map((c) => c.commune),
    notReceived: (period) =>
      model.coverage.filter((c) => c.period === period && c.state !== 'received').map((c) => c.commune),
    locationRef: (code) => iati.locations.communes[code]?.ref ?? code,
    location: (code) => el('location', { ref: ctx.locationRef(code) }),
    value: (kind, n, children = []) => {
      counts.values++;
      return el(kind, { value: decimal(n) }, children);
    },
    comment: (texts) =>
      texts.length > 0 ? el('comment', {}, [ctx.narrative(texts.join(ctx.say('commentSeparator')))]) : null,
    periodElement: (label, measures) => {
      const p = ctx.period(label);
      counts.periods++;
      return el('period', {}, [
        el('period-start', { 'iso-date': p.start }),
        el('period-end', { 'iso-date': p.end }),
        ...measures,
      ]);
    },
  };
  return ctx;
}
