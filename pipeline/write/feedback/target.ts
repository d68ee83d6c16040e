import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../../core/messages';
import { cliText } from '../../../core/messages/cli';
import { feedbackText } from '../../../core/messages/feedback';
import { fileOnPath } from '../write-failure';

/**
 * A path as the file system resolves it: symbolic links followed for the part that exists, the
 * rest (folders to create) appended. `out/../in` and a link to the input folder are the input folder.
 */
async function realPath(p: string): Promise<string> {
  const absolute = path.resolve(p);
  try {
    return await fs.realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    return path.join(await realPath(parent), path.basename(absolute));
  }
}

const inside = (child: string, parent: string) =>
  child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : `${parent}${path.sep}`);

/**
 * Why `--feedback DIR` cannot be used, in one line, or null: never the input folder or a folder inside
 * it (a later merge would read the feedback as reports), never an input file, never a file, nor a
 * folder under a file (it could not be created).
 */
export async function feedbackDirProblem(
  dir: string,
  inputs: { folder?: string; files?: readonly string[] },
  lang: Lang,
): Promise<string | null> {
  const target = await realPath(dir);
  for (const file of inputs.files ?? [])
    if ((await realPath(file)) === target) return feedbackText('cli', 'isInput', { dir }, lang);
  if (inputs.folder !== undefined && inside(target, await realPath(inputs.folder)))
    return feedbackText('cli', 'insideInput', { dir, input: inputs.folder }, lang);
  try {
    if (!(await fs.stat(target)).isDirectory()) return feedbackText('cli', 'notADirectory', { dir }, lang);
  } catch {
    // Not there yet: created when written, unless a file stands where one of its folders should be.
    const blocker = await fileOnPath(dir);
    if (blocker) return cliText('writeFileOnPath', { blocker, option: '--feedback' }, lang);
  }
  return null;
}
