import { inflateRawSync } from 'node:zlib';

/**
 * Reads a zip's central directory to refuse oversized or zip-bomb workbooks before exceljs expands
 * them in memory. The sizes a zip declares can lie (a 16 MiB part declared as 4 KiB passes every
 * directory check), so each entry is then inflated with its declared size as a hard cap: an entry
 * that would grow past what it declared is refused as soon as it does.
 *
 * Since every entry is inflated anyway, the caller may ask to keep some of them (`keep`): the
 * verdict then carries their bytes (`parts`), so a reader need not inflate them a second time.
 */

export interface ZipLimits {
  /** Largest input file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total of uncompressed entries. */
  maxUncompressedBytes: number;
  /** Largest compression ratio of an entry over 1 MiB (typical xlsx parts compress 5–30×). */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxRatio: 300,
  maxEntries: 10000,
};

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

export interface InspectOptions {
  /** Entries whose inflated bytes the verdict should carry in `parts`. */
  keep?: (name: string) => boolean;
}

export type ZipVerdict =
  | {
      ok: true;
      entries: ZipEntry[];
      uncompressed: number;
      /**
       * With `keep`: the inflated bytes of the kept entries, by name. An entry compressed with a
       * method other than store or deflate, or encrypted, is not inflated here: it is missing even if kept.
       */
      parts?: Map<string, Buffer>;
    }
  | { ok: false; reason: 'notZip' | 'truncated' | 'tooManyEntries' | 'tooLarge' | 'ratio' | 'sizeMismatch'; detail?: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Whether an entry's data inflates to exactly its declared size, and the inflated bytes when it does
 * (none for a method other than store or deflate). The output is capped at that size, so a lying
 * entry costs at most what it declared (already bounded by the limits).
 */
function checkEntryData(
  buffer: Buffer,
  local: number,
  method: number,
  compressed: number,
  uncompressed: number,
): { check: 'ok'; data?: Buffer } | { check: 'truncated' | 'sizeMismatch' } {
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL) return { check: 'truncated' };
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  if (start + compressed > buffer.length) return { check: 'truncated' };
  const data = buffer.subarray(start, start + compressed);
  if (method === STORED) return compressed === uncompressed ? { check: 'ok', data } : { check: 'sizeMismatch' };
  // Other methods (and zip-level encryption) are left to the workbook reader, which will refuse them.
  if (method !== DEFLATED) return { check: 'ok' };
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(uncompressed, 1) });
  } catch (err) {
    return { check: (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'sizeMismatch' : 'truncated' };
  }
  return inflated.length === uncompressed ? { check: 'ok', data: inflated } : { check: 'sizeMismatch' };
}

export function inspectZip(buffer: Buffer, limits: ZipLimits = DEFAULT_LIMITS, options: InspectOptions = {}): ZipVerdict {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) return { ok: false, reason: 'notZip' };
  // The end-of-central-directory record sits in the last 22 bytes + up to 64 KiB of comment.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'truncated' };
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) return { ok: false, reason: 'tooManyEntries', detail: String(count) };
  if (offset + size > buffer.length) return { ok: false, reason: 'truncated' };
  const entries: ZipEntry[] = [];
  const located: { name: string; method: number; encrypted: boolean; localOffset: number; compressed: number; uncompressed: number }[] = [];
  let total = 0;
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: 'truncated' };
    const compressed = buffer.readUInt32LE(p + 20);
    const uncompressed = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const method = buffer.readUInt16LE(p + 10);
    const localOffset = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    // 0xFFFFFFFF means the real size is in a ZIP64 record: no spreadsheet needs 4 GiB parts.
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return { ok: false, reason: 'tooLarge', detail: name };
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) return { ok: false, reason: 'tooLarge', detail: name };
    if (uncompressed > 1024 * 1024 && uncompressed > compressed * limits.maxRatio) return { ok: false, reason: 'ratio', detail: name };
    entries.push({ name, compressed, uncompressed });
    // Bit 0 of the general-purpose flags: zip-level encryption (never handed over as a part).
    located.push({ name, method, encrypted: (buffer.readUInt16LE(p + 8) & 1) === 1, localOffset, compressed, uncompressed });
    p += 46 + nameLength + extraLength + commentLength;
  }
  // Only once every declared size is within the limits: inflate each entry, capped at its declared size.
  const parts = options.keep ? new Map<string, Buffer>() : undefined;
  for (const entry of located) {
    const result = checkEntryData(buffer, entry.localOffset, entry.method, entry.compressed, entry.uncompressed);
    if (result.check !== 'ok') return { ok: false, reason: result.check, detail: entry.name };
    if (parts && result.data && !entry.encrypted && options.keep!(entry.name)) parts.set(entry.name, result.data);
  }
  return parts ? { ok: true, entries, uncompressed: total, parts } : { ok: true, entries, uncompressed: total };
}
