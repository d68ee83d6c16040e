import { promises as fs } from 'node:fs';
import path from 'node:path';

export type Discovered =
  | { path: string; name: string; kind: 'workbook' | 'csv' }
  | { path: string; name: string; kind: 'skip'; reason: 'lockFile' | 'hidden' | 'extension' | 'output' | 'ownWorkbook' | 'ownCsv' };

/**
 * Every file under the folder, sorted by relative path so runs are reproducible. Lock files,
 * hidden files and other extensions are returned as skipped, never silently ignored.
 */
export async function discoverInputs(root: string): Promise<Discovered[]> {
  const out: Discovered[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const name = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.')) out.push({ path: full, name: `${name}/`, kind: 'skip', reason: 'hidden' });
        else await walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      // A merge's own temporary file (`.name.pid.time.tmp`), should one be left behind.
      if (/^\.~?.*\.tmp$/.test(entry.name)) out.push({ path: full, name, kind: 'skip', reason: 'output' });
      else if (entry.name.startsWith('~$') || entry.name.startsWith('.~lock.')) out.push({ path: full, name, kind: 'skip', reason: 'lockFile' });
      else if (entry.name.startsWith('.')) out.push({ path: full, name, kind: 'skip', reason: 'hidden' });
      else {
        const ext = path.extname(entry.name).toLowerCase();
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
