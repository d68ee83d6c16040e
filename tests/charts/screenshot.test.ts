/**
 * scripts/screenshot-synthese.ts regenerates the README's picture of Synthèse (LibreOffice → PDF →
 * pdftoppm): it writes a PNG of the first page of charts, landscape, cropped under them; docs/synthese.png is such a picture.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../fixtures/workbooks';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = tempDir('charts-screenshot');
afterAll(() => tmp.remove());

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the script renders the first page of Synthèse’s charts to a PNG', () => {
  const out = path.join(tmp.dir, 'synthese.png');
  const result = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(ROOT, 'scripts', 'screenshot-synthese.ts'), '--out', out, '--dpi', '60'],
    {
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  expect(result.stderr.replace(/^Attention : police Carlito.*\n?/m, '')).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/synthese\.png : \d+ × \d+ px/);
  const { width, height } = pngSize(out);
  // A4 landscape at 60 dpi is 702 × 496 px; the crop stops under the two charts, above the page's foot.
  expect(width).toBe(702);
  expect(height).toBeGreaterThan(250);
  expect(height).toBeLessThan(480);
}, 200_000);

test('docs/synthese.png is in the repository, as the script makes it', () => {
  const file = path.join(ROOT, 'docs', 'synthese.png');
  expect(existsSync(file)).toBe(true);
  const { width, height } = pngSize(file);
  expect(width).toBeGreaterThanOrEqual(1600);
  // Landscape: two charts, one under the other, wider than high.
  expect(width / height).toBeGreaterThan(1.2);
});
