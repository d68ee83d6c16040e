import type { Consolidated, Line, SourceRecord } from '../consolidate/model';
import type { Disaggregation, Section } from '../extract';
import type { Period } from '../framework/schema';
import { DISAGGREGATION_KEYS, type Dhis2Mapping } from './dhis2-mapping';

/**
 * The consolidation's `Données` rows as DHIS2 data values, through the mapping file. Pure: the same
 * rows as the workbook (accepted files, periods in scope), and every row that is not sent is listed
 * with why, as is every file or commune-period whose numbers are not there at all.
 */

/** One value of a DHIS2 `dataValueSets` payload; DHIS2 takes values as text. */
export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo?: string;
  value: string;
  comment?: string;
}

export type NotWrittenReason = 'noValue' | 'itemNotMapped' | 'communeNotMapped' | 'periodNotMapped';

/** A number of `Données` that is not sent, and why. */
export interface NotWritten {
  section: Section;
  code: string;
  disaggregation: Disaggregation;
  commune: string;
  period: string;
  value: number | null;
  reason: NotWrittenReason;
}

export type LeftOutReason = 'rejected' | 'duplicate' | 'otherPeriod' | 'toDateOnly';

/** A file whose numbers are not in the export: refused, a duplicate set aside, or a period outside the selection. */
export interface LeftOutFile {
  file: string;
  commune: string | null;
  period: string | null;
  reason: LeftOutReason;
}

/** A commune and period in scope with no accepted file: nothing of it is sent. */
export interface NotReceived {
  commune: string;
  period: string;
  state: 'rejected' | 'missing';
}

export interface Dhis2Export {
  dataValues: Dhis2DataValue[];
  notWritten: NotWritten[];
  leftOutFiles: LeftOutFile[];
  notReceived: NotReceived[];
}

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** The ISO date `months` months after the first of `month`, minus a day: the end of a span of months. */
const endAfter = (year: number, month: number, months: number) => {
  const m = month - 1 + months;
  const y = year + Math.floor((m - 1) / 12);
  const last = ((m - 1) % 12) + 1;
  return iso(y, last, lastDay(y, last));
};

/** DHIS2's financial years, by the month they start in: 2024April runs from April 2024 to March 2025. */
const FINANCIAL = new Map([
  [4, 'April'],
  [7, 'July'],
  [10, 'Oct'],
  [11, 'Nov'],
]);

/**
 * The DHIS2 period of a project period, from its dates: a calendar year `2023`, a quarter `2024Q2`, a
 * month `202406`, a half-year `2024S1`, a financial year `2024April`; null when the dates are none of these (the mapping's
 * `periods` then names it).
 */
export function dhis2PeriodOf(period: Pick<Period, 'start' | 'end'>): string | null {
  const m = /^(\d{4})-(\d{2})-01$/.exec(period.start);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month === 1 && period.end === endAfter(year, 1, 12)) return String(year);
  if (month % 3 === 1 && period.end === endAfter(year, month, 3)) return `${year}Q${(month + 2) / 3}`;
  if (period.end === endAfter(year, month, 1)) return `${year}${m[2]}`;
  if (month % 6 === 1 && period.end === endAfter(year, month, 6)) return `${year}S${(month + 5) / 6}`;
  const financial = FINANCIAL.get(month);
  if (financial && period.end === endAfter(year, month, 12)) return `${year}${financial}`;
  return null;
}

/** DHIS2 wants numbers as plain text: `1250`, `12.5`, never `1,25e+3`. */
const valueText = (n: number) => (Number.isInteger(n) ? n.toFixed(0) : String(n));

export function dhis2Export(model: Consolidated, mapping: Dhis2Mapping, sources: readonly SourceRecord[]): Dhis2Export {
  const { framework } = model;
  const communeCode = new Map(framework.communes.map((c) => [c.name, c.code]));
  const periodOf = new Map(framework.periods.map((p) => [p.label, mapping.periods[p.label] ?? dhis2PeriodOf(p)]));
  // The coordinators' comments (Total rows): per commune and period, from the consolidated lines.
  const comments = new Map<string, string>();
  const addComments = <T>(section: Section, lines: readonly Line<T>[], code: (item: T) => string) => {
    for (const line of lines)
      for (const [commune, figures] of Object.entries(line.communes))
        for (const c of figures.comments) {
          const period = c.period ?? (model.periods.length === 1 ? model.periods[0]! : null);
          if (period === null) continue;
          const key = `${section}\u0000${code(line.item)}\u0000${commune}\u0000${period}`;
          comments.set(key, comments.has(key) ? `${comments.get(key)!} ; ${c.text}` : c.text);
        }
  };
  addComments('indicators', model.indicators, (i) => i.code);
  addComments('budget', model.budget, (b) => b.code);
  addComments('beneficiaries', model.beneficiaries, (b) => b.code);

  const dataValues: Dhis2DataValue[] = [];
  const notWritten: NotWritten[] = [];
  for (const row of model.data) {
    const commune = communeCode.get(row.commune) ?? row.commune;
    const entry = mapping[row.section][row.code];
    const target = entry?.[DISAGGREGATION_KEYS[row.disaggregation]];
    const orgUnit = mapping.orgUnits[commune];
    const period = periodOf.get(row.period) ?? null;
    const about = {
      section: row.section,
      code: row.code,
      disaggregation: row.disaggregation,
      commune,
      period: row.period,
    };
    const skip = (reason: NotWrittenReason) => notWritten.push({ ...about, value: row.achieved, reason });
    if (row.achieved === null) {
      skip('noValue');
      continue;
    }
    if (!entry || !target) {
      skip('itemNotMapped');
      continue;
    }
    if (!orgUnit) {
      skip('communeNotMapped');
      continue;
    }
    if (period === null) {
      skip('periodNotMapped');
      continue;
    }
    const attributeOptionCombo =
      target.attributeOptionCombo ?? entry.attributeOptionCombo ?? mapping.attributeOptionCombo;
    const comment =
      row.disaggregation === 'total'
        ? comments.get(`${row.section}\u0000${row.code}\u0000${commune}\u0000${row.period}`)
        : undefined;
    dataValues.push({
      // The schema's check: every disaggregation mapped has a data element, its own or its item's.
      dataElement: target.dataElement ?? entry.dataElement!,
      period,
      orgUnit,
      categoryOptionCombo: target.categoryOptionCombo,
      ...(attributeOptionCombo ? { attributeOptionCombo } : {}),
      value: valueText(row.achieved),
      ...(comment ? { comment } : {}),
    });
  }

  const leftOutFiles: LeftOutFile[] = [];
  for (const s of sources) {
    const reason: LeftOutReason | null =
      s.status === 'rejected'
        ? 'rejected'
        : s.status === 'duplicate' && s.reason?.id !== 'identicalCopy'
          ? 'duplicate'
          : s.reason?.id === 'otherPeriod'
            ? 'otherPeriod'
            : s.reason?.id === 'toDateOnly'
              ? 'toDateOnly'
              : null;
    if (reason) leftOutFiles.push({ file: s.file, commune: s.commune, period: s.period, reason });
  }
  const notReceived = model.coverage
    .filter((c) => c.state !== 'received')
    .map((c) => ({ commune: c.commune, period: c.period, state: c.state as NotReceived['state'] }));
  return { dataValues, notWritten, leftOutFiles, notReceived };
}
