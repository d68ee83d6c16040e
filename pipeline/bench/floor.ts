import { promises as fs } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/**
 * The floor: what it costs one Node process only to unzip every input and scan its XML (count the
 * cells), nothing else. A merge can never be faster than this; the bench reports merge / floor.
 */
export async function floorScan(files: readonly string[]): Promise<{ cells: number; bytes: number }> {
  let cells = 0;
  let bytes = 0;
  for (const file of files) {
    const buffer = await fs.readFile(file);
    bytes += buffer.length;
    let eocd = buffer.length - 22;
    while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
    if (eocd < 0) continue;
    const count = buffer.readUInt16LE(eocd + 10);
    let p = buffer.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      const method = buffer.readUInt16LE(p + 10);
      const compressed = buffer.readUInt32LE(p + 20);
      const nameLength = buffer.readUInt16LE(p + 28);
      const skip = nameLength + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
      const local = buffer.readUInt32LE(p + 42);
      const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
      const raw = buffer.subarray(start, start + compressed);
      const xml = (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
      for (let at = xml.indexOf('<c '); at >= 0; at = xml.indexOf('<c ', at + 3)) cells++;
      p += 46 + skip;
    }
  }
  return { cells, bytes };
}
