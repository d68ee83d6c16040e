import { promises as fs } from 'node:fs';
import { InputError } from './input-error';

/** Bytes → megabytes with two decimals (the size is rounded up, so 50,3 Mo never shows as « 50 »). */
export function megabytes(bytes: number, round: (x: number) => number = Math.round): number {
  return round((bytes / 1048576) * 100) / 100;
}

/** Reads an input file whole, after checking its size: nothing larger than the limit is ever loaded. */
export async function readInputFile(file: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    throw new InputError(file, 'missing');
  }
  if (size > maxBytes) throw new InputError(file, 'tooLarge', { size: megabytes(size, Math.ceil), max: megabytes(maxBytes) });
  try {
    return await fs.readFile(file);
  } catch (err) {
    throw new InputError(file, 'unreadable', { reason: (err as NodeJS.ErrnoException).code ?? 'EIO' });
  }
}
