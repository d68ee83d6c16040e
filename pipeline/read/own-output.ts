import { readInputFile } from './input-file';
import { DEFAULT_LIMITS, inspectZip, type ZipLimits } from './zip-guard';
import { OUTPUT_CREATOR, OUTPUT_LAST_MODIFIED_BY, OUTPUT_SHEETS } from '../write/consolidated/labels';
import { tidyCsv } from '../write/csv';

/**
 * The merge's own outputs, recognised by their content (a renamed copy is still one): the consolidated
 * workbook and the `--csv` table. Left in the input folder by an earlier run, they are not inputs.
 */
export type OwnOutput = 'workbook' | 'csv';


/** The first bytes of every `--csv` table: BOM, the quoted header line, CRLF (pipeline/write/csv.ts). */
const CSV_SIGNATURE = Buffer.from(tidyCsv([]).replace(/\r\n[^]*$/, '\r\n'), 'utf8');

/** The parts that tell a consolidated workbook: its properties and its sheet list. */
export const OWN_OUTPUT_PARTS: readonly string[] = ['docProps/core.xml', 'xl/workbook.xml'];

/** A character reference; one out of Unicode's range (a hostile file) reads as U+FFFD, never throws. */
const codePoint = (n: number) => (Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd');

const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]{1,8});/gi, (_, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&#(\d{1,10});/g, (_, d: string) => codePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const element = (xml: string, tag: string): string | null => {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return m ? decode(m[1]!).trim() : null;
};

/**
 * A consolidated workbook: written by this tool (creator or last author, which Excel keeps or sets on
 * saving) and holding every sheet of the output contract (a commune workbook holds none of Synthèse,
 * Données, Sources). Opened and saved again by a manager, with a sheet added, it still is one.
 */
export function isConsolidatedWorkbook(parts: ReadonlyMap<string, Buffer>): boolean {
  const core = parts.get('docProps/core.xml')?.toString('utf8');
  if (core === undefined) return false;
  const ours = element(core, 'dc:creator') === OUTPUT_CREATOR || element(core, 'cp:lastModifiedBy') === OUTPUT_LAST_MODIFIED_BY;
  if (!ours) return false;
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8');
  if (workbook === undefined) return false;
  const sheets = new Set([...workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*?\bname="([^"]*)"/g)].map((m) => decode(m[1]!)));
  return Object.values(OUTPUT_SHEETS).every((name) => sheets.has(name));
}

/**
 * Whether `buffer` is a `--csv` table of the merge. A `--csv` table is recognised by its first line
 * exactly as the tool writes it; the same table saved again by Excel or LibreOffice (which drop the
 * quotes) is a tidy table like any other, the deliberate way to use an export as an input.
 */
export function isOwnCsv(buffer: Buffer): boolean {
  return buffer.subarray(0, CSV_SIGNATURE.length).equals(CSV_SIGNATURE);
}

/**
 * Whether the file at `file` is one of the merge's outputs (false when it cannot be read). A workbook's
 * parts come through the zip guard, like every input's: never inflated past the limits.
 */
export async function isOwnOutputFile(file: string, kind: 'workbook' | 'csv', limits: ZipLimits = DEFAULT_LIMITS): Promise<boolean> {
  try {
    const buffer = await readInputFile(file, limits.maxFileBytes);
    if (kind === 'csv') return isOwnCsv(buffer);
    const verdict = inspectZip(buffer, limits, { keep: (name) => OWN_OUTPUT_PARTS.includes(name) });
    return verdict.ok && isConsolidatedWorkbook(verdict.parts ?? new Map());
  } catch {
    return false;
  }
}
