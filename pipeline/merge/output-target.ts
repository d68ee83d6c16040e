import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * Where an output would land, as the file system sees it: the real path of its folder (symlinks
 * resolved) and, when the file exists, its device and inode. Two paths that name the same file through
 * a symlinked folder, a hard link or another letter case (NTFS, APFS, a Windows share) share an inode.
 */
export interface Target {
  path: string;
  /** The real path, lower-cased: on a case-insensitive file system `Bara.xlsx` is `bara.xlsx`. */
  key: string;
  /** `dev:ino` of the existing file, or null when nothing is there yet. */
  inode: string | null;
  /** What is there when it is not a regular file: it is never replaced. */
  notAFile: 'symlink' | 'directory' | 'device' | 'fifo' | 'socket' | null;
}

const inodeOf = (s: Stats) => `${s.dev}:${s.ino}`;

export function kindOf(s: Stats): Target['notAFile'] {
  if (s.isSymbolicLink()) return 'symlink';
  if (s.isDirectory()) return 'directory';
  if (s.isBlockDevice() || s.isCharacterDevice()) return 'device';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  return null;
}

/** The real path of the nearest existing folder, then the rest as given. */
async function realPath(file: string): Promise<string> {
  const dir = path.dirname(file);
  try {
    return path.join(await fs.realpath(dir), path.basename(file));
  } catch {
    return dir === file ? file : path.join(await realPath(dir), path.basename(file));
  }
}

export async function targetOf(file: string): Promise<Target> {
  const resolved = path.resolve(file);
  const real = await realPath(resolved);
  let inode: string | null = null;
  let notAFile: Target['notAFile'] = null;
  try {
    const link = await fs.lstat(resolved);
    notAFile = kindOf(link);
    inode = inodeOf(link.isSymbolicLink() ? await fs.stat(resolved) : link);
  } catch {
    // Nothing there yet (or a dangling link: lstat succeeded and notAFile says so).
  }
  return { path: resolved, key: real.toLowerCase(), inode, notAFile };
}

/**
 * Whether a target lies inside `folder` (symlinks resolved, case folded like the keys): written there,
 * a later run would find it among its inputs.
 */
export async function isInsideFolder(target: Target, folder: string): Promise<boolean> {
  let real: string;
  try {
    real = await fs.realpath(folder);
  } catch {
    real = path.resolve(folder);
  }
  return target.key.startsWith(`${real.toLowerCase()}${path.sep}`);
}

/** Whether an input file is the file a target would replace. */
export async function sameFile(target: Target, input: string): Promise<boolean> {
  if (target.key === (await realPath(path.resolve(input))).toLowerCase()) return true;
  if (target.inode === null) return false;
  try {
    return inodeOf(await fs.stat(input)) === target.inode;
  } catch {
    return false;
  }
}

/** Why a write failed, in a word the messages can say: read-only, disk full, folder missing, … */
export function writeFailureKind(err: unknown): 'readOnly' | 'diskFull' | 'noFolder' | 'other' {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'readOnly';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'diskFull';
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EEXIST') return 'noFolder';
  return 'other';
}
