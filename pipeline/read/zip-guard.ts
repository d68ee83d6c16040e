import { inflateRawSync } from 'node:zlib';
import { InputError } from './input-error';
import { megabytes } from './input-file';
import { relationshipTargets, relsPartOf, ROOT_PARTS } from './package-refs';

/**
 * Reads a zip's central directory to refuse oversized or zip-bomb workbooks before anything expands
 * them in memory. The sizes a zip declares can lie (a 16 MiB part declared as 4 KiB passes every
 * directory check), so each entry inflated is capped at its declared size: an entry that would grow
 * past what it declared is refused as soon as it does.
 *
 * Three bounds hold whatever the file: the bytes inflated for one file in all (`maxInflatedBytes`,
 * checked on declared sizes before inflating, so a refusal costs nothing), the compression ratio of
 * each large entry and of the small entries together (a bomb split into 450 entries of 1 MiB), and,
 * with `keep`, only the entries that the package's relationships reach are inflated at all (parts no
 * relationship names are invisible to Excel and never read).
 *
 * The caller may ask to keep some entries (`keep`): the verdict then carries their bytes (`parts`), so
 * a reader need not inflate them a second time.
 */

export interface ZipLimits {
  /** Largest input file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total of uncompressed entries, as the central directory declares them. */
  maxUncompressedBytes: number;
  /**
   * Largest total actually inflated for one file (the parts a reader needs; every entry before
   * exceljs, which inflates them all). It bounds the memory a reader takes: a commune workbook
   * inflates to about 200 KB.
   */
  maxInflatedBytes: number;
  /** Largest compression ratio of an entry over 1 MiB, and of the smaller entries together (typical xlsx parts compress 5–30×). */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxInflatedBytes: 32 * 1024 * 1024,
  maxRatio: 300,
  maxEntries: 10000,
};

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

export interface InspectOptions {
  /**
   * Entries whose inflated bytes the verdict should carry in `parts`. With `keep`, only these (and the
   * relationships parts that lead to them) are inflated, and only when a relationship reaches them.
   */
  keep?: (name: string) => boolean;
  /**
   * `all` inflates (checks) every entry, as a reader that inflates them all (exceljs) needs; the
   * default is `all` without `keep`, `referenced` with it.
   */
  inflate?: 'all' | 'referenced';
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
      /** Bytes inflated to check and keep entries (at most `maxInflatedBytes`). */
      inflated: number;
    }
  | {
      ok: false;
      reason: 'notZip' | 'truncated' | 'tooManyEntries' | 'tooLarge' | 'ratio' | 'sizeMismatch' | 'tooMuchContent';
      /** The entry refused (for `tooMuchContent`: the first one past the budget). */
      detail?: string;
      /** With `keep`: the kept package-level parts inflated before the refusal (they tell the merge's own output). */
      parts?: Map<string, Buffer>;
    };

const EOCD = 0x06054b50;
/** The signature of a central-directory entry. */
export const CENTRAL = 0x02014b50;
/** The signature of a local header. */
export const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Entries up to this size are tested for their ratio together, not one by one. */
const SMALL = 1024 * 1024;
const ROOT_LOWER = new Set(ROOT_PARTS.map((name) => name.toLowerCase()));

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

/** Where the end-of-central-directory record starts, or -1: it sits in the last 22 bytes + up to 64 KiB of comment. */
export function endOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === EOCD) return i;
  return -1;
}

export function inspectZip(
  buffer: Buffer,
  limits: ZipLimits = DEFAULT_LIMITS,
  options: InspectOptions = {},
): ZipVerdict {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL) return { ok: false, reason: 'notZip' };
  const eocd = endOfCentralDirectory(buffer);
  if (eocd < 0) return { ok: false, reason: 'truncated' };
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) return { ok: false, reason: 'tooManyEntries', detail: String(count) };
  if (offset + size > buffer.length) return { ok: false, reason: 'truncated' };
  const entries: ZipEntry[] = [];
  const located: {
    name: string;
    method: number;
    encrypted: boolean;
    localOffset: number;
    compressed: number;
    uncompressed: number;
  }[] = [];
  let total = 0;
  // Small entries are tested together: one small entry may compress well, hundreds of them not.
  let small = { uncompressed: 0, compressed: 0, worst: '', worstRatio: 0 };
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
    if (compressed === 0xffffffff || uncompressed === 0xffffffff)
      return { ok: false, reason: 'tooLarge', detail: name };
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) return { ok: false, reason: 'tooLarge', detail: name };
    if (uncompressed > SMALL && uncompressed > compressed * limits.maxRatio)
      return { ok: false, reason: 'ratio', detail: name };
    if (uncompressed <= SMALL) {
      small.uncompressed += uncompressed;
      small.compressed += compressed;
      if (uncompressed / Math.max(compressed, 1) > small.worstRatio)
        small = { ...small, worst: name, worstRatio: uncompressed / Math.max(compressed, 1) };
    }
    entries.push({ name, compressed, uncompressed });
    // Bit 0 of the general-purpose flags: zip-level encryption (never handed over as a part).
    located.push({
      name,
      method,
      encrypted: (buffer.readUInt16LE(p + 8) & 1) === 1,
      localOffset,
      compressed,
      uncompressed,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (small.uncompressed > SMALL && small.uncompressed > small.compressed * limits.maxRatio)
    return { ok: false, reason: 'ratio', detail: small.worst };

  // Only once every declared size is within the limits: inflate what is needed, each entry capped at
  // its declared size and the whole within the budget.
  // Part names compare without case, as in OPC (a target `Worksheets/Sheet1.xml` names `xl/worksheets/sheet1.xml`).
  const byName = new Map<string, (typeof located)[number]>();
  for (const entry of located) if (!byName.has(entry.name.toLowerCase())) byName.set(entry.name.toLowerCase(), entry);
  const mode = options.inflate ?? (options.keep ? 'referenced' : 'all');
  const parts = options.keep ? new Map<string, Buffer>() : undefined;
  let inflated = 0;
  const inflate = (entry: (typeof located)[number]): { data?: Buffer } | Extract<ZipVerdict, { ok: false }> => {
    if (inflated + entry.uncompressed > limits.maxInflatedBytes)
      return { ok: false, reason: 'tooMuchContent', detail: entry.name, ...(parts ? { parts } : {}) };
    inflated += entry.uncompressed;
    const result = checkEntryData(buffer, entry.localOffset, entry.method, entry.compressed, entry.uncompressed);
    if (result.check !== 'ok') return { ok: false, reason: result.check, detail: entry.name };
    if (parts && result.data && !entry.encrypted && options.keep!(entry.name)) parts.set(entry.name, result.data);
    return { data: entry.encrypted ? undefined : result.data };
  };

  if (mode === 'all') {
    for (const entry of located) {
      const result = inflate(entry);
      if ('ok' in result) return result;
    }
  } else {
    // The relationships first (from the package's and the workbook's, breadth first), then the kept
    // parts they reach. Every rels part is inflated at most once.
    const reached = new Set<string>(ROOT_PARTS.map((name) => name.toLowerCase()));
    const queue = ROOT_PARTS.filter((name) => name.endsWith('.rels')).map((name) => name.toLowerCase());
    const seen = new Set<string>();
    while (queue.length > 0) {
      const rels = queue.shift()!;
      const entry = byName.get(rels);
      if (!entry || seen.has(rels)) continue;
      seen.add(rels);
      const result = inflate(entry);
      if ('ok' in result) return result;
      if (!result.data) continue;
      for (const target of relationshipTargets(entry.name, result.data.toString('utf8'))) {
        const part = target.toLowerCase();
        reached.add(part);
        const next = relsPartOf(part);
        reached.add(next);
        if (byName.has(next) && !seen.has(next)) queue.push(next);
      }
    }
    // The package-level parts first (small, and what tells a consolidated workbook even past the budget).
    const order = [
      ...located.filter((e) => ROOT_LOWER.has(e.name.toLowerCase())),
      ...located.filter((e) => !ROOT_LOWER.has(e.name.toLowerCase())),
    ];
    for (const entry of order) {
      const name = entry.name.toLowerCase();
      if (seen.has(name) || !reached.has(name) || !options.keep!(entry.name)) continue;
      const result = inflate(entry);
      if ('ok' in result) return result;
    }
  }
  return parts
    ? { ok: true, entries, uncompressed: total, parts, inflated }
    : { ok: true, entries, uncompressed: total, inflated };
}

/** The refusal of a verdict other than `notZip` (which the caller tells apart: CSV, .ods …), in the user's terms. */
export function zipGuardError(
  verdict: Extract<ZipVerdict, { ok: false }>,
  file: string,
  limits: ZipLimits,
): InputError {
  if (verdict.reason === 'truncated') return new InputError(file, 'corrupt', { detail: 'zip' });
  if (verdict.reason === 'tooMuchContent')
    return new InputError(file, 'tooMuchContent', {
      detail: verdict.detail ?? '',
      max: megabytes(limits.maxInflatedBytes),
    });
  return new InputError(file, 'zipBomb', { detail: verdict.detail ?? verdict.reason });
}
