import { promises as fs } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { OUTPUT_SHEETS } from '../write/consolidated/labels';
import { tidyCsv } from '../write/csv';

/**
 * The merge's own outputs, recognised by their content (a renamed copy is still one): the consolidated
 * workbook and the `--csv` table. Left in the input folder by an earlier run, they are not inputs.
 */
export type OwnOutput = 'workbook' | 'csv';

/** The document properties the consolidated workbook is written with (pipeline/write/consolidated/workbook.ts). */
export const OUTPUT_CREATOR = 'ensemble-me-toolkit';
export const OUTPUT_LAST_MODIFIED_BY = 'npm run merge';

/** The first bytes of every `--csv` table: BOM, the quoted header line, CRLF (pipeline/write/csv.ts). */
const CSV_SIGNATURE = Buffer.from(tidyCsv([]).replace(/\r\n[^]*$/, '\r\n'), 'utf8');

/** Parts larger than this are not the small XML parts looked for here. */
const MAX_PART_BYTES = 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The inflated bytes of a few small entries of a zip, by name; anything unexpected yields none. */
function zipParts(buffer: Buffer, wanted: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL) return out;
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--)
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return out;
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && out.size < wanted.length; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL) return out;
    const method = buffer.readUInt16LE(p + 10);
    const compressed = buffer.readUInt32LE(p + 20);
    const size = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
    if (!wanted.includes(name) || size > MAX_PART_BYTES || (method !== 0 && method !== 8)) continue;
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL) continue;
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (start + compressed > buffer.length) continue;
    const data = buffer.subarray(start, start + compressed);
    try {
      // Capped at the declared size: a lying entry costs no more than it declared.
      out.set(name, (method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(size, 1) })).toString('utf8'));
    } catch {
      // Unreadable: then it is not recognised here, and the workbook reader will say why.
    }
  }
  return out;
}

const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
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
function isConsolidatedWorkbook(buffer: Buffer): boolean {
  // The properties first: a commune workbook stops there, at the cost of one small part.
  const core = zipParts(buffer, ['docProps/core.xml']).get('docProps/core.xml');
  if (core === undefined) return false;
  const ours = element(core, 'dc:creator') === OUTPUT_CREATOR || element(core, 'cp:lastModifiedBy') === OUTPUT_LAST_MODIFIED_BY;
  if (!ours) return false;
  const workbook = zipParts(buffer, ['xl/workbook.xml']).get('xl/workbook.xml');
  if (workbook === undefined) return false;
  const sheets = new Set([...workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*?\bname="([^"]*)"/g)].map((m) => decode(m[1]!)));
  return Object.values(OUTPUT_SHEETS).every((name) => sheets.has(name));
}

/**
 * Which of the merge's outputs `buffer` is, if any. A `--csv` table is recognised by its first line
 * exactly as the tool writes it; the same table saved again by Excel or LibreOffice (which drop the
 * quotes) is a tidy table like any other, the deliberate way to use an export as an input.
 */
export function ownOutputOf(buffer: Buffer, kind: 'workbook' | 'csv'): OwnOutput | null {
  if (kind === 'csv') return buffer.subarray(0, CSV_SIGNATURE.length).equals(CSV_SIGNATURE) ? 'csv' : null;
  return isConsolidatedWorkbook(buffer) ? 'workbook' : null;
}

/** Whether the file at `file` is one of the merge's outputs (false when it cannot be read). */
export async function isOwnOutputFile(file: string, kind: 'workbook' | 'csv'): Promise<boolean> {
  try {
    return ownOutputOf(await fs.readFile(file), kind) !== null;
  } catch {
    return false;
  }
}
