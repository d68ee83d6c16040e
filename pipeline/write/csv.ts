import { promises as fs } from 'node:fs';
import Papa from 'papaparse';
import type { DataRow } from '../../core/consolidate/model';
import { TIDY_HEADERS, tidyValues } from './consolidated/data';
import { writeAtomic } from './atomic';

const TRIGGER = /^[=+\-@]/;
const CONTROL = /^[\t\r]/;

/**
 * Text that a spreadsheet could take for a formula is prefixed with an apostrophe: on any line
 * of the value, after leading spaces (« =1+1 », «  @SUM(…) », « note\n=cmd »). Numbers stay numbers.
 */
export function escapeFormula(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  return value.split(/\n/).some((line) => CONTROL.test(line) || TRIGGER.test(line.trimStart())) ? `'${value}` : value;
}

/** The tidy table as CSV (UTF-8 with BOM so Excel reads the accents; `;` as French Excel expects). */
export function tidyCsv(rows: readonly DataRow[]): string {
  const data = rows.map((row) => tidyValues(row).map(escapeFormula));
  return `\uFEFF${Papa.unparse({ fields: TIDY_HEADERS, data }, { delimiter: ';', newline: '\r\n', quotes: (v: unknown) => typeof v === 'string' })}\r\n`;
}

export async function writeTidyCsv(file: string, rows: readonly DataRow[]): Promise<void> {
  const text = tidyCsv(rows);
  await writeAtomic(file, (temp) => fs.writeFile(temp, text, 'utf8'));
}
