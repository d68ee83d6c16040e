import { constants, promises as fs } from 'node:fs';
import { InputError } from './input-error';

/** Bytes → megabytes with two decimals (the size is rounded up, so 50,3 Mo never shows as « 50 »). */
export function megabytes(bytes: number, round: (x: number) => number = Math.round): number {
  return round((bytes / 1048576) * 100) / 100;
}

/** What a path names when it is not a regular file: it is refused at once, never read. */
const SPECIAL: [test: (s: import('node:fs').Stats) => boolean, kind: string][] = [
  [(s) => s.isDirectory(), 'directory'],
  [(s) => s.isFIFO(), 'fifo'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), 'device'],
  [(s) => s.isSocket(), 'socket'],
];

/**
 * Reads an input file whole, after checking that it is a regular file and its size: nothing larger
 * than the limit is ever loaded. Opened without blocking and checked on the open handle, so a FIFO
 * (which would wait for a writer) or /dev/zero (endless) is refused at once.
 */
export async function readInputFile(file: string, maxBytes: number): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(file, 'missing');
    if (code === 'EISDIR') throw new InputError(file, 'notAFile', { kind: 'directory' });
    throw new InputError(file, 'unreadable', { reason: code ?? 'EIO' });
  }
  try {
    const stat = await handle.stat();
    const special = SPECIAL.find(([test]) => test(stat));
    if (special) throw new InputError(file, 'notAFile', { kind: special[1] });
    if (stat.size > maxBytes)
      throw new InputError(file, 'tooLarge', { size: megabytes(stat.size, Math.ceil), max: megabytes(maxBytes) });
    // Read at most one byte past the limit: a file still growing (being copied in) or one whose size
    // the system does not tell (procfs) is never loaded past it.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(stat.size, 64 * 1024)) + 1);
    let length = 0;
    try {
      for (;;) {
        if (length === buffer.length) {
          if (length > maxBytes)
            throw new InputError(file, 'tooLarge', { size: megabytes(length, Math.ceil), max: megabytes(maxBytes) });
          const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
          buffer.copy(grown, 0, 0, length);
          buffer = grown;
        }
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) return buffer.subarray(0, length);
        length += bytesRead;
      }
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(file, 'unreadable', { reason: (err as NodeJS.ErrnoException).code ?? 'EIO' });
    }
  } finally {
    await handle.close();
  }
}
