import Papa from 'papaparse';
import { SHEET_NAMES, TABLE_KEYS } from '../../core/layout/contract';
import { locate } from '../../core/layout/locate';
import type { Cell, Tables } from '../../core/tables';
import { InputError } from './input-error';
import { readInputFile } from './input-file';

/**
 * Reads a CSV into rows of text. UTF-8 (with or without BOM) is expected; a file that is not valid
 * UTF-8 is read as Windows-1252, the encoding of French Excel's « CSV (séparateur : point-virgule) ».
 * The delimiter (`;` or `,` or tab) is detected.
 */
export async function readCsvFile(file: string, maxBytes: number): Promise<string[][]> {
  return parseCsvBuffer(await readInputFile(file, maxBytes), file);
}

/** The rows of a CSV already in memory; `file` names it in errors. */
export function parseCsvBuffer(buffer: Buffer, file: string): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('windows-1252').decode(buffer);
  }
  text = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  // Papaparse's own words (« Quoted field unterminated ») are not shown: the line number and what to do.
  if (fatal) throw new InputError(file, 'badCsv', { line: (fatal.row ?? 0) + 2 });
  if (parsed.data.length === 0) throw new InputError(file, 'emptyCsv');
  return parsed.data;
}

/**
 * The template sheet a CSV is a copy of (« Indicateurs » saved alone as CSV from Excel or LibreOffice),
 * found as the tools find the sheets: by its headers or its labels. Null for anything else.
 */
export function templateSheetOfCsv(rows: readonly (readonly string[])[]): string | null {
  const cells = rows.map((row) =>
    row.map((text): Cell => (text.trim() === '' ? { kind: 'empty', value: null } : { kind: 'string', value: text })),
  );
  for (const key of TABLE_KEYS) {
    const tables: Tables = { sheets: [{ name: SHEET_NAMES[key], state: 'visible', rows: cells }] };
    const table = locate(tables)[key];
    if (table.headerRow !== null && table.columns.code !== undefined && table.missingHeaders.length <= 1)
      return SHEET_NAMES[key];
  }
  const identification = locate({
    sheets: [{ name: SHEET_NAMES.identification, state: 'visible', rows: cells }],
  }).identification;
  return Object.keys(identification.fields).length >= 4 ? SHEET_NAMES.identification : null;
}
