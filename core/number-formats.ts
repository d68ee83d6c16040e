import type { Cell } from './tables';

/**
 * Number formats and date serials, as a workbook stores them: shared by the pipeline's readers and
 * the add-in's, so that both call the same cells dates. Pure: no I/O, no host.
 */

/**
 * What a number format shows: a date (y, d, or m as a month), a time of day (h, s, or m as minutes,
 * AM/PM), an elapsed time (`[h]:mm`), or a plain number. Letters count in either case (LibreOffice
 * writes `DD/MM/YYYY`); text in quotes, escaped characters (`\\d`, `_x`, `*x`), `General` and
 * [bracketed] colours or conditions do not. One pass over the format: linear in its length.
 */
export type FormatKind = 'date' | 'time' | 'elapsed' | 'number';

export function formatKind(format: unknown): FormatKind {
  return scanFormat(format).kind;
}

function scanFormat(format: unknown): { kind: FormatKind; seconds: boolean } {
  if (typeof format !== 'string' || format === '') return { kind: 'number', seconds: false };
  const f = format;
  const n = f.length;
  let date = false;
  let time = false;
  let month = false;
  let elapsed = false;
  let seconds = false;
  for (let i = 0; i < n;) {
    const c = f[i]!;
    if (c === '"') {
      const close = f.indexOf('"', i + 1);
      i = close < 0 ? n : close + 1;
    } else if (c === '\\' || c === '_' || c === '*') i += 2;
    else if (c === '[') {
      const close = f.indexOf(']', i + 1);
      if (close < 0) break;
      // [h], [mm], [ss]: elapsed time; anything else in brackets ([Red], [<100], [$-40C]) is not shown.
      const inner = f.slice(i + 1, close);
      if (/^(h+|m+|s+)$/i.test(inner)) {
        elapsed = time = true;
        if (/^s/i.test(inner)) seconds = true;
      }
      i = close + 1;
    } else if (f.startsWith('General', i) || f.slice(i, i + 7).toLowerCase() === 'general') i += 7;
    else if (f.slice(i, i + 5).toUpperCase() === 'AM/PM') {
      time = true;
      i += 5;
    } else if (f.slice(i, i + 3).toUpperCase() === 'A/P') {
      time = true;
      i += 3;
    } else {
      const lower = c.toLowerCase();
      if (lower === 'y' || lower === 'd' || lower === 'b') date = true;
      else if (lower === 'h') time = true;
      else if (lower === 's') time = seconds = true;
      else if (lower === 'm') month = true;
      i++;
    }
  }
  if (date || (month && !time)) return { kind: 'date', seconds };
  if (time) return { kind: elapsed ? 'elapsed' : 'time', seconds };
  return { kind: 'number', seconds };
}

/** Whether a number format shows dates or times. */
export function isDateFormat(format: unknown): boolean {
  return formatKind(format) !== 'number';
}

/** The built-in number formats (ECMA-376 §18.8.30), the ids with a format code. */
export const BUILTIN_NUMBER_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

const DAY_MS = 86400000;

/**
 * A date serial → `YYYY-MM-DD` (years past 9999 as `+YYYYYY-MM-DD`, as ISO 8601 extends them, so that
 * they compare as dates), or null when it is no representable date. In the 1900 system, serials
 * below 60 count from 1900-01-01 = 1: Excel's phantom 29 February 1900 (serial 60) lies between
 * them and the rest, as openpyxl and LibreOffice read them.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const days = date1904 ? serial + 1462 : serial >= 1 && serial < 60 ? serial + 1 : serial;
  const date = new Date(Math.round(days * DAY_MS) + Date.UTC(1899, 11, 30));
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  const y =
    year >= 0 && year <= 9999
      ? String(year).padStart(4, '0')
      : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${y}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** A Date (a date at midnight UTC, as exceljs and `Date.UTC` give it) → its serial in the workbook's date system. */
export function dateToSerial(date: Date, date1904: boolean): number {
  return date.getTime() / DAY_MS + 25569 - (date1904 ? 1462 : 0);
}

/** A time serial → `H:MM` or `H:MM:SS` (with seconds when the format shows them); elapsed hours are not wrapped at 24. */
export function serialToTime(serial: number, kind: 'time' | 'elapsed', seconds: boolean): string {
  const total = Math.round(Math.abs(serial) * 86400);
  const hours = Math.floor(total / 3600);
  const h = kind === 'elapsed' ? hours : hours % 24;
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const text = `${h}:${String(m).padStart(2, '0')}${seconds ? `:${String(s).padStart(2, '0')}` : ''}`;
  return serial < 0 ? `-${text}` : text;
}

/**
 * A number stored in a cell, as its format shows it: a date (`YYYY-MM-DD`; the time of day of a
 * date and time is dropped), a time of day or an elapsed time as text (`8:30`), else the number.
 * A date out of any calendar reads as the number it is.
 */
export function numberCell(serial: number, format: unknown, date1904: boolean): Cell {
  const { kind, seconds } = scanFormat(format);
  if (kind === 'date') {
    const iso = serialToIso(serial, date1904);
    return iso === null ? { kind: 'number', value: serial } : { kind: 'date', value: iso };
  }
  if (kind === 'time' || kind === 'elapsed') return { kind: 'string', value: serialToTime(serial, kind, seconds) };
  return { kind: 'number', value: serial };
}

/** An ISO 8601 date (`2021-01-01`, `2021-01-01T10:00:00Z`, `+010113-02-03`) → `YYYY-MM-DD`, or null. */
export function isoDatePart(text: string): string | null {
  const m = /^\s*([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.,]*(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Compares two dates written `YYYY-MM-DD` (or `±YYYYYY-MM-DD`) as dates: negative, zero or positive. */
export function compareIsoDates(a: string, b: string): number {
  return isoDayNumber(a) - isoDayNumber(b);
}

function isoDayNumber(iso: string): number {
  const m = /^([+-]?\d{4,6})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.getTime() / DAY_MS;
}
