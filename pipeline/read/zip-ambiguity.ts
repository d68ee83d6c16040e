import { CENTRAL, endOfCentralDirectory, LOCAL } from './zip-guard';

/**
 * A zip that two readers could read differently: two entries with the same name, in any case (one reader takes
 * the first, another the last), or a local header whose name disagrees with the central directory
 * (a streaming reader follows the local headers, exceljs and the zip guard the directory). Such a
 * workbook is refused by name: its figures are not what Excel may show.
 *
 * Reads only the central directory and the local headers' names; sizes, ratios and inflation are
 * the zip guard's (zip-guard.ts).
 */

export interface ZipAmbiguity {
  reason: 'duplicateName' | 'localNameMismatch';
  /** The entry's name as the central directory gives it. */
  name: string;
}

/** The first ambiguity found, or null (also null for what is not a readable zip: the zip guard says why). */
export function findZipAmbiguity(zip: Buffer): ZipAmbiguity | null {
  const eocd = endOfCentralDirectory(zip);
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  // Zip64 directories (0xFFFF / 0xFFFFFFFF) are left to the zip guard.
  if (count === 0xffff || p === 0xffffffff) return null;
  const seen = new Set<string>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const nameBytes = zip.subarray(p + 46, p + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    // Part names are case-insensitive in a package (OPC §9.1.1.1): `XL/Workbook.xml` repeats `xl/workbook.xml`.
    const key = name.toLowerCase();
    if (seen.has(key)) return { reason: 'duplicateName', name };
    seen.add(key);
    if (localOffset + 30 <= zip.length && zip.readUInt32LE(localOffset) === LOCAL) {
      const localLength = zip.readUInt16LE(localOffset + 26);
      if (!zip.subarray(localOffset + 30, localOffset + 30 + localLength).equals(nameBytes))
        return { reason: 'localNameMismatch', name };
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}
