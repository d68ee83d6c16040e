import { promises as fs } from 'node:fs';
import path from 'node:path';

export type Discovered =
  | { path: string; name: string; kind: 'workbook' | 'csv' }
  | {
      path: string;
      name: string;
      kind: 'skip';
      reason:
        | 'lockFile'
        | 'hidden'
        | 'extension'
        | 'output'
        | 'ownWorkbook'
        | 'ownCsv'
        | 'symlink'
        | 'special'
        | 'nameNotUtf8';
    };

/** A file name as bytes, shown readably: valid UTF-8 as is, any other byte as `\xE9`. */
export function readableName(raw: Buffer): string {
  const text = raw.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(raw)) return text;
  let out = '';
  for (let i = 0; i < raw.length;) {
    const n = raw[i]! < 0x80 ? 1 : raw[i]! >= 0xf0 ? 4 : raw[i]! >= 0xe0 ? 3 : raw[i]! >= 0xc0 ? 2 : 1;
    const chunk = raw.subarray(i, i + n);
    const decoded = chunk.toString('utf8');
    if (n > 1 && chunk.length === n && Buffer.from(decoded, 'utf8').equals(chunk)) {
      out += decoded;
      i += n;
    } else if (raw[i]! < 0x80) {
      out += String.fromCharCode(raw[i]!);
      i += 1;
    } else {
      out += `\\x${raw[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/**
 * Every file under the folder, sorted by relative path so runs are reproducible. Lock files,
 * hidden files and other extensions are returned as skipped, never silently ignored.
 */
export async function discoverInputs(root: string): Promise<Discovered[]> {
  const out: Discovered[] = [];
  async function walk(dir: string): Promise<void> {
    // Names read as bytes: a name that is not UTF-8 (an old Windows or Mac archive) cannot be opened
    // through a JavaScript string, so it is listed under a readable form, with the advice to rename it.
    const entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    for (const entry of entries) {
      const raw = entry.name;
      const shown = readableName(raw);
      const full = path.join(dir, shown);
      const name = path.relative(root, full).split(path.sep).join('/');
      if (shown !== raw.toString('utf8')) {
        out.push({ path: full, name, kind: 'skip', reason: 'nameNotUtf8' });
        continue;
      }
      // A link is not followed (it may point at another folder's files, or in a loop); a FIFO, a
      // device or a socket is never opened. Each is listed, with its reason.
      if (entry.isSymbolicLink()) {
        out.push({ path: full, name, kind: 'skip', reason: 'symlink' });
        continue;
      }
      if (entry.isDirectory()) {
        if (shown.startsWith('.')) out.push({ path: full, name: `${name}/`, kind: 'skip', reason: 'hidden' });
        else await walk(full);
        continue;
      }
      if (!entry.isFile()) {
        out.push({ path: full, name, kind: 'skip', reason: 'special' });
        continue;
      }
      // A merge's own temporary file (`.name.pid.time.tmp`), should one be left behind.
      if (/^\.~?.*\.tmp$/.test(shown)) out.push({ path: full, name, kind: 'skip', reason: 'output' });
      else if (shown.startsWith('~$') || shown.startsWith('.~lock.'))
        out.push({ path: full, name, kind: 'skip', reason: 'lockFile' });
      else if (shown.startsWith('.')) out.push({ path: full, name, kind: 'skip', reason: 'hidden' });
      else {
        const ext = path.extname(shown).toLowerCase();
        // .xls and .ods are reports saved in the wrong format: read as workbooks, so that they are
        // refused with the advice to save them as .xlsx rather than skipped unseen.
        if (['.xlsx', '.xlsm', '.xls', '.ods'].includes(ext)) out.push({ path: full, name, kind: 'workbook' });
        else if (ext === '.csv') out.push({ path: full, name, kind: 'csv' });
        else out.push({ path: full, name, kind: 'skip', reason: 'extension' });
      }
    }
  }
  await walk(root);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
