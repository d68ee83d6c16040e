import Papa from 'papaparse';
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
  if (fatal) throw new InputError(file, 'badCsv', { detail: `${fatal.message} (ligne ${(fatal.row ?? 0) + 2})` });
  if (parsed.data.length === 0) throw new InputError(file, 'badCsv', { detail: 'vide' });
  return parsed.data;
}
