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

const CSV_OPTIONS = { delimiter: ';', newline: '\r\n', quotes: (v: unknown) => typeof v === 'string' };
const CHUNK = 5000;

function csvLines(rows: readonly DataRow[], header: boolean): string {
  const data = rows.map((row) => tidyValues(row).map(escapeFormula));
  return `${Papa.unparse({ fields: TIDY_HEADERS, data }, { ...CSV_OPTIONS, header })}\r\n`;
}

/** The tidy table as CSV (UTF-8 with BOM so Excel reads the accents; `;` as French Excel expects). */
export function tidyCsv(rows: readonly DataRow[]): string {
  return `\uFEFF${csvLines(rows, true)}`;
}

/** Written a few thousand rows at a time: a national table is never held whole as text. */
export async function writeTidyCsv(file: string, rows: readonly DataRow[]): Promise<void> {
  await writeAtomic(file, async (temp) => {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.write(`\uFEFF${csvLines(rows.slice(0, CHUNK), true)}`);
      for (let i = CHUNK; i < rows.length; i += CHUNK) await handle.write(csvLines(rows.slice(i, i + CHUNK), false));
    } finally {
      await handle.close();
    }
  });
}
