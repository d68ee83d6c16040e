/**
 * Reads a zip's central directory (without inflating anything) to refuse oversized or zip-bomb
 * workbooks before exceljs expands them in memory.
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

export type ZipVerdict =
  | { ok: true; entries: ZipEntry[]; uncompressed: number }
  | { ok: false; reason: 'notZip' | 'truncated' | 'tooManyEntries' | 'tooLarge' | 'ratio'; detail?: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function inspectZip(buffer: Buffer, limits: ZipLimits = DEFAULT_LIMITS): ZipVerdict {
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
  let total = 0;
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: 'truncated' };
    const compressed = buffer.readUInt32LE(p + 20);
    const uncompressed = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    // 0xFFFFFFFF means the real size is in a ZIP64 record: no spreadsheet needs 4 GiB parts.
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return { ok: false, reason: 'tooLarge', detail: name };
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) return { ok: false, reason: 'tooLarge', detail: name };
    if (uncompressed > 1024 * 1024 && uncompressed > compressed * limits.maxRatio) return { ok: false, reason: 'ratio', detail: name };
    entries.push({ name, compressed, uncompressed });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries, uncompressed: total };
}
