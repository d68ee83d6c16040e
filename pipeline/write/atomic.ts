import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes through a temporary file in the target folder, then renames it into place: a reader never
 * sees a half-written file, and a failure leaves the previous file untouched.
 */
export async function writeAtomic(target: string, write: (tempPath: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(temp);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
