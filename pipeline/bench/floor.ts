import { promises as fs } from 'node:fs';
import { inspectZip } from '../read/zip-guard';

/**
 * The floor: what it costs one Node process only to unzip every input and scan its XML (count the
 * cells), nothing else. A merge can never be faster than this; the bench reports merge / floor.
 * The zip is read by the merge's own guard (pipeline/read/zip-guard.ts), which checks and inflates
 * every entry: a merge does that much for each input too.
 */
export async function floorScan(files: readonly string[]): Promise<{ cells: number; bytes: number }> {
  let cells = 0;
  let bytes = 0;
  for (const file of files) {
    const buffer = await fs.readFile(file);
    bytes += buffer.length;
    const verdict = inspectZip(buffer, undefined, { keep: () => true, inflate: 'all' });
    if (!verdict.ok) continue;
    for (const data of verdict.parts!.values()) {
      const xml = data.toString('utf8');
      for (let at = xml.indexOf('<c '); at >= 0; at = xml.indexOf('<c ', at + 3)) cells++;
    }
  }
  return { cells, bytes };
}
