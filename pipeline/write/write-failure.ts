import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../core/messages';
import { cliText } from '../../core/messages/cli';

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

/**
 * The file that stands where a folder of `p` should be (`afile` in `afile/retours/x.xml`), or null.
 * `p` itself counts: pass a folder to write into, or the folder of a file to write.
 */
export async function fileOnPath(p: string): Promise<string | null> {
  let at = path.resolve(p);
  for (;;) {
    try {
      return (await fs.stat(at)).isDirectory() ? null : at;
    } catch (err) {
      // Not there yet (ENOENT) or under a file (ENOTDIR): look one folder up.
      if (codeOf(err) !== 'ENOENT' && codeOf(err) !== 'ENOTDIR') return null;
    }
    const parent = path.dirname(at);
    if (parent === at) return null;
    at = parent;
  }
}

/**
 * Why writing `target` (a folder, or a file in `folder`) for the option `option` failed, in the user's
 * words: a file named like a folder of the path, a folder where the file goes, read-only, disk full, a
 * name too long, or another error.
 */
export async function writeFailureWhy(
  err: unknown,
  where: { target: string; folder: string },
  option: string,
  lang: Lang,
): Promise<string> {
  const code = codeOf(err) ?? 'EIO';
  const { folder } = where;
  const params = { folder, option, code, path: where.target };
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOENT') {
    const blocker = await fileOnPath(folder);
    return blocker ? cliText('writeFileOnPath', { blocker, option }, lang) : cliText('writeNoFolder', params, lang);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return cliText('writeReadOnly', params, lang);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return cliText('writeDiskFull', params, lang);
  // A folder where the file goes (the rename into place failed): the folder is named.
  if (code === 'EISDIR' || code === 'ENOTEMPTY') {
    const dest = (err as { dest?: unknown }).dest;
    return cliText('writeIsFolder', { ...params, path: typeof dest === 'string' ? dest : where.target }, lang);
  }
  if (code === 'ENAMETOOLONG') return cliText('writeNameTooLong', params, lang);
  return cliText('writeOther', params, lang);
}
