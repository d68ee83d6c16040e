import { normalise } from './text';
import { isoDateToSerial, serialToIsoDate, type Cell } from './tables';

/**
 * How a cell reads as a number. `text` is a number typed as text in an unambiguous habit
 * (`1 250`, `1 250,5`, `25 personnes`): it is used, with a warning and the suggested correction.
 */
export type NumberRead =
  | { status: 'empty' }
  | { status: 'ok'; value: number }
  | { status: 'text'; value: number; text: string }
  | { status: 'ambiguous'; text: string }
  | { status: 'invalid'; text: string }
  | { status: 'error'; code: string }
  | { status: 'formula'; formula: string };

const SPACES = /[ \u00a0\u202f\u2009]/;
/** Words accepted after an amount typed as text (`1 500 000 FCFA`); counts accept their own unit only. */
export const CURRENCY_WORDS = ['FCFA', 'F CFA', 'CFA', 'XOF', 'francs', 'F'];

/** « plan d'action » matches « plans d'action »: each word may take or lose a plural s. */
function sameUnit(typed: string, unit: string): boolean {
  const a = normalise(typed).split(' ');
  const b = normalise(unit).split(' ');
  const singular = (w: string) => w.replace(/s$/, '');
  return a.length === b.length && a.every((w, i) => singular(w) === singular(b[i]!));
}

/** Strips a trailing unit word (`25 personnes`, `1 500 000 FCFA`) when it is one the caller accepts. */
function stripUnit(text: string, units: readonly string[]): string | null {
  const m = /^(.*?\d)\s*([^\d\s.,].*)$/u.exec(text);
  if (!m) return text;
  const word = m[2]!.replace(/\.$/, '');
  return units.some((u) => sameUnit(word, u)) ? m[1]! : null;
}

/** Parses text written with French (or unambiguous English) number habits. */
export function parseNumberText(raw: string, units: readonly string[] = []): NumberRead {
  const text = raw.trim();
  if (text === '') return { status: 'empty' };
  const body = stripUnit(text, units);
  if (body === null) return { status: 'invalid', text };
  let s = body.replace(/^\+/, '');
  const negative = s.startsWith('-') || s.startsWith('−');
  if (negative) s = s.slice(1).trim();

  // Spaces may only separate groups of three digits: « 1 250 000 », « 1 250,5 ».
  let spaceGrouped = false;
  if (SPACES.test(s)) {
    const [intPart, ...rest] = s.split(/(?=[.,])/);
    const groups = intPart!.split(SPACES);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
      return { status: 'invalid', text };
    s = groups.join('') + rest.join('');
    spaceGrouped = true;
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return { status: 'invalid', text };

  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  let normalised: string;
  if (commas === 0 && dots === 0) normalised = s;
  else if (commas > 0 && dots > 0) {
    // Both separators: the last one is the decimal mark, the other must group by three (1.250,5 or 1,250.5).
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [intPart, fraction] = [s.slice(0, s.lastIndexOf(decimal)), s.slice(s.lastIndexOf(decimal) + 1)];
    if (intPart.includes(decimal) || spaceGrouped || !isGrouped(intPart, group)) return { status: 'invalid', text };
    normalised = `${intPart.split(group).join('')}.${fraction}`;
  } else {
    const mark = commas > 0 ? ',' : '.';
    const count = commas + dots;
    if (count > 1) {
      // 1.250.000 or 1,250,000: only a thousands grouping reads that way.
      if (spaceGrouped || !isGrouped(s, mark)) return { status: 'invalid', text };
      normalised = s.split(mark).join('');
    } else {
      const [intPart, fraction] = s.split(mark) as [string, string];
      // 1.250 or 1,250: a thousands separator or a decimal mark? Nobody can tell. After space groups
      // a comma is the French decimal mark (1 250,500), but a dot with three digits stays unclear (1 250.000).
      const unclearComma = !spaceGrouped && intPart.length <= 3;
      if (fraction.length === 3 && intPart !== '0' && (mark === '.' || unclearComma))
        return { status: 'ambiguous', text };
      normalised = `${intPart}.${fraction}`;
    }
  }
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { status: 'invalid', text };
  return { status: 'text', value: negative ? -value : value, text };
}

function isGrouped(s: string, mark: string): boolean {
  const groups = s.split(mark);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

export function readNumber(cell: Cell, units: readonly string[] = []): NumberRead {
  switch (cell.kind) {
    case 'empty':
      return { status: 'empty' };
    case 'number':
      return { status: 'ok', value: cell.value as number };
    case 'string': {
      const text = String(cell.value);
      if (text.trim() === '') return { status: 'empty' };
      return parseNumberText(text, units);
    }
    case 'error':
      return { status: 'error', code: String(cell.value) };
    case 'formula':
      return { status: 'formula', formula: cell.formula ?? '' };
    case 'boolean':
    case 'date':
      return { status: 'invalid', text: String(cell.value) };
  }
}

/** The number the rules and the consolidation use, or undefined when the cell cannot give one. */
export function numberOf(cell: Cell, units: readonly string[] = []): number | undefined {
  const read = readNumber(cell, units);
  return read.status === 'ok' || read.status === 'text' ? read.value : undefined;
}

export type DateRead =
  | { status: 'empty' }
  | { status: 'ok'; value: string }
  | { status: 'text'; value: string; text: string }
  | { status: 'invalid'; text: string }
  | { status: 'error'; code: string }
  | { status: 'formula'; formula: string };

/** Dates: a real date cell, or text in the French habit `15/01/2024` (also `15-01-2024`, `2024-01-15`). */
export function readDate(cell: Cell): DateRead {
  switch (cell.kind) {
    case 'empty':
      return { status: 'empty' };
    case 'date':
      return { status: 'ok', value: String(cell.value) };
    case 'error':
      return { status: 'error', code: String(cell.value) };
    case 'formula':
      return { status: 'formula', formula: cell.formula ?? '' };
    case 'number':
      return { status: 'invalid', text: String(cell.value) };
    case 'boolean':
      return { status: 'invalid', text: String(cell.value) };
    case 'string': {
      const text = String(cell.value).trim();
      if (text === '') return { status: 'empty' };
      const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      const parts = fr ? [fr[3], fr[2], fr[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
      if (!parts) return { status: 'invalid', text };
      const [y, m, d] = parts.map(Number) as [number, number, number];
      const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      // Round-trip through a serial to refuse 31/02/2024.
      if (m < 1 || m > 12 || d < 1 || serialToIsoDate(isoDateToSerial(value)) !== value)
        return { status: 'invalid', text };
      return { status: 'text', value, text };
    }
  }
}

export function dateOf(cell: Cell): string | undefined {
  const read = readDate(cell);
  return read.status === 'ok' || read.status === 'text' ? read.value : undefined;
}

/** 1 250 → `1 250` with a narrow no-break space, as French users write it. */
export function formatFrenchNumber(value: number): string {
  const [intPart, fraction] = String(Math.abs(value)).split('.');
  const grouped = intPart!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}
