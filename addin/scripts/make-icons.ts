/**
 * Draws the add-in's icons (a white check mark on a blue spreadsheet tile) and writes them as PNG
 * files in assets/: icon-<size>.png. No image library: a tiny PNG encoder on node:zlib.
 *
 *   npm run icons
 *
 * Build tooling only: never part of the task pane bundle.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * The ribbon button's sizes (manifest bt:Image: 16, 32 and 80 required, 20, 24, 40 and 48 for high-DPI
 * screens) plus 64, which is also the HighResolutionIconUrl (IconUrl is the 32).
 */
export const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels, row by row → PNG bytes (8-bit RGBA, no filtering). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segmentDistance(px: number, py: number, [ax, ay]: number[], [bx, by]: number[]): number {
  const dx = bx! - ax!;
  const dy = by! - ay!;
  const t = Math.max(0, Math.min(1, ((px - ax!) * dx + (py - ay!) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax! + t * dx), py - (ay! + t * dy));
}

const BLUE = [0x00, 0x72, 0xce];
const LIGHT = [0x9f, 0xcc, 0xf0];
const WHITE = [0xff, 0xff, 0xff];
const CHECK = [
  [0.25, 0.54],
  [0.43, 0.72],
  [0.77, 0.33],
];

/** Colour of one point of the unit square, or null outside the tile. */
function shade(x: number, y: number): number[] | null {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  const onCheck =
    segmentDistance(x, y, CHECK[0]!, CHECK[1]!) < 0.075 || segmentDistance(x, y, CHECK[1]!, CHECK[2]!) < 0.075;
  if (onCheck) return WHITE;
  // Faint grid lines: a spreadsheet behind the check mark.
  const grid = [0.37, 0.63].some((g) => Math.abs(x - g) < 0.018 || Math.abs(y - g) < 0.018);
  return grid ? LIGHT : BLUE;
}

/** An icon of `size` pixels, 4×4 supersampled for smooth edges. */
export function drawIcon(size: number): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          covered++;
          colour.forEach((v, i) => (sum[i]! += v));
        }
      const o = (y * size + x) * 4;
      if (covered > 0) for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(sum[i]! / covered);
      rgba[o + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  return encodePng(size, size, rgba);
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', '..', 'assets');
  for (const size of ICON_SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
