/**
 * Crafted workbooks that attack the reader's memory and time while passing the per-entry ratio test:
 * a real commune workbook's parts, re-zipped by a minimal zip writer (node:zlib) with parts added or
 * replaced. Honest sizes and CRCs throughout: only the amounts are hostile. Used by the tests (small
 * sizes) and by `tsx tests/helpers/zip-bombs.ts DIR` (the full-size files measured in the README).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { planTemplate } from '../../core/layout/plan';
import { exampleFill } from '../../pipeline/examples';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { writeTemplateFile } from '../../pipeline/templates';

const crc32 = (zlib as unknown as { crc32: (data: Buffer) => number }).crc32;

export interface RawEntry {
  name: string;
  /** The inflated bytes (deflated here), or an entry already deflated (`deflated` + `size` + `crc`). */
  data?: Buffer;
  deflated?: Buffer;
  size?: number;
  crc?: number;
}

/** A zip of `entries` (deflate, level 9), with honest local headers and central directory. */
export function zipOf(entries: readonly RawEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const deflated = e.deflated ?? zlib.deflateRawSync(e.data!, { level: 9 });
    const size = e.size ?? e.data!.length;
    const crc = e.crc ?? crc32(e.data!);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(deflated.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, deflated);
    central.push(dir, name);
    offset += 30 + name.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

/** The entries of a zip written by zipOf or by exceljs (deflate or store), inflated. */
export function entriesOf(zip: Buffer): RawEntry[] {
  const out: RawEntry[] = [];
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    out.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + skip;
  }
  return out;
}

/**
 * A part of `bytes` bytes, `prefix` + text that deflate compresses about 150× (under the 300× ratio
 * limit: runs of one letter broken by a pseudo-random letter every `run` characters) + `suffix`.
 */
export function fillerEntry(name: string, prefix: string, bytes: number, suffix: string, run = 400): RawEntry {
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  const data = Buffer.alloc(bytes, 0x61);
  head.copy(data, 0);
  tail.copy(data, bytes - tail.length);
  let seed = 12345;
  for (let i = head.length + run - 1; i < bytes - tail.length; i += run) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = 0x62 + (seed % 24);
  }
  return { name, data };
}

const replace = (entries: readonly RawEntry[], name: string, by: RawEntry): RawEntry[] =>
  entries.map((e) => (e.name === name ? by : e));

/** The workbook with one more shared string of `bytes` bytes, used by no cell (the 2 MB → 500 MiB bomb). */
export function sharedStringsBomb(workbook: Buffer, bytes: number): Buffer {
  const entries = entriesOf(workbook);
  const xml = entries.find((e) => e.name === 'xl/sharedStrings.xml')!.data!.toString('utf8');
  const at = xml.lastIndexOf('</sst>');
  return zipOf(
    replace(
      entries,
      'xl/sharedStrings.xml',
      fillerEntry('xl/sharedStrings.xml', `${xml.slice(0, at)}<si><t>`, bytes, `</t></si></sst>`),
    ),
  );
}

/** The workbook with `count` worksheet parts of `bytes` each that no relationship names. */
export function unreferencedSheets(workbook: Buffer, count: number, bytes: number): Buffer {
  const entries = entriesOf(workbook);
  const filler = fillerEntry(
    'x',
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
    bytes,
    '</t></is></c></row></sheetData></worksheet>',
  );
  const one = { deflated: zlib.deflateRawSync(filler.data!, { level: 9 }), size: bytes, crc: crc32(filler.data!) };
  const stray = Array.from({ length: count }, (_, i) => ({ ...one, name: `xl/worksheets/sheet${100 + i}.xml` }));
  return zipOf([...entries, ...stray]);
}

/** The workbook with `count` entries of 1 MiB of zeros each (≤ 1 MiB: no per-entry ratio test; ~1 KB each). */
export function smallEntriesBomb(workbook: Buffer, count: number): Buffer {
  const zeros = Buffer.alloc(1024 * 1024);
  const one = { deflated: zlib.deflateRawSync(zeros, { level: 9 }), size: zeros.length, crc: crc32(zeros) };
  const extra = Array.from({ length: count }, (_, i) => ({ ...one, name: `xl/media/pad${i}.bin` }));
  return zipOf([...entriesOf(workbook), ...extra]);
}

/** The workbook whose shared string `marker` (a comment typed in the template) becomes `chars` characters long. */
export function hugeSharedString(workbook: Buffer, marker: string, chars: number): Buffer {
  const entries = entriesOf(workbook);
  const xml = entries.find((e) => e.name === 'xl/sharedStrings.xml')!.data!.toString('utf8');
  const at = xml.indexOf(marker);
  if (at < 0) throw new Error(`no shared string ${marker}`);
  const [prefix, suffix] = [xml.slice(0, at), xml.slice(at + marker.length)];
  const bytes = Buffer.byteLength(prefix) + chars + Buffer.byteLength(suffix);
  return zipOf(replace(entries, 'xl/sharedStrings.xml', fillerEntry('xl/sharedStrings.xml', prefix, bytes, suffix)));
}

/** The marker written as a comment by `communeWithMarker`, replaced by hugeSharedString. */
export const COMMENT_MARKER = 'COMMENTAIRE-A-GROSSIR';

/** A correct commune workbook (the generator's example) whose first indicator's comment is COMMENT_MARKER. */
export async function communeWithMarker(code: string, file: string): Promise<Buffer> {
  const framework = loadFrameworkFile();
  const fill = {
    ...exampleFill(framework, code, '2023'),
    [`indicators:${framework.indicators[0]!.code}:comment`]: COMMENT_MARKER,
  };
  await writeTemplateFile(framework, planTemplate(framework, code), file, fill);
  return readFileSync(file);
}

// The full-size files of the issue, for measuring with /usr/bin/time (not run by the tests).
if (require.main === module) void main();

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '.bombs';
  const example = readFileSync(
    process.argv[3] ?? path.join(__dirname, '../../templates/exemples/ensemble-gao_GNZ_Gounzoureye_2023.xlsx'),
  );
  mkdirSync(dir, { recursive: true });
  const MiB = 1024 * 1024;
  const write = (name: string, bytes: Buffer) => {
    writeFileSync(path.join(dir, name), bytes);
    console.log(`${name}: ${(bytes.length / 1e6).toFixed(2)} MB`);
  };
  write('shared-strings-500MiB.xlsx', sharedStringsBomb(example, 500 * MiB));
  write('unreferenced-200-sheets.xlsx', unreferencedSheets(example, 200, Math.floor(2.5 * MiB)));
  write('small-entries-450.xlsx', smallEntriesBomb(example, 450));
  const merge = path.join(dir, 'merge');
  mkdirSync(merge, { recursive: true });
  const base = path.join(dir, 'base-BAR.xlsx');
  write(
    'merge/ensemble-gao_BAR_Bara_2023.xlsx',
    hugeSharedString(await communeWithMarker('BAR', base), COMMENT_MARKER, 300 * 1000 * 1000),
  );
  write('merge/ensemble-gao_BAR_Bara_2023-40k.xlsx', hugeSharedString(readFileSync(base), COMMENT_MARKER, 40000));
}
