/** An input is never loaded past the size limit, even when the system does not tell its size (procfs) or it grows. */
import { readInputFile } from '../../pipeline/read/input-file';

test('a file whose size the system does not tell is still cut off at the limit: refused as too large', async () => {
  // /proc/self/maps says size 0 and holds a few kilobytes.
  await expect(readInputFile('/proc/self/maps', 100)).rejects.toMatchObject({ code: 'tooLarge' });
});

test('within the limit, such a file is read whole', async () => {
  const text = (await readInputFile('/proc/self/maps', 10 * 1024 * 1024)).toString('utf8');
  expect(text).toMatch(/\n$/);
  expect(text.length).toBeGreaterThan(100);
});
