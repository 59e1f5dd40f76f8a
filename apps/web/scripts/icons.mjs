/**
 * Draws the app's PNG icons (192, 512 and a maskable 512) without an image library: the same two linked
 * rings as public/icons/icon.svg, rasterised with 4×4 supersampling and written as PNG through zlib.
 * `npm run icons` in apps/web rewrites public/icons/*.png (committed).
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { resolve } from 'node:path';

const BG = [8, 74, 130];
const RING = [255, 255, 255];
const ACCENT = [240, 180, 41];

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The colour at (x, y) in a 0..1 square: background, two rings (the pair), the accent where they cross. */
function colour(x, y, maskable) {
  // a maskable icon keeps its drawing inside the central 80 % safe zone
  const s = maskable ? 0.8 : 1;
  const u = (x - 0.5) / s + 0.5;
  const v = (y - 0.5) / s + 0.5;
  const ring = (cx, cy) => Math.abs(Math.hypot(u - cx, v - cy) - 0.2) < 0.045;
  const a = ring(0.39, 0.5);
  const b = ring(0.61, 0.5);
  if (a && b) return ACCENT;
  if (a || b) return RING;
  return BG;
}

function png(size, maskable) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const n = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const c = colour((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size, maskable);
          for (let k = 0; k < 3; k++) sum[k] += c[k];
        }
      for (let k = 0; k < 3; k++) raw[y * (size * 3 + 1) + 1 + x * 3 + k] = Math.round(sum[k] / (n * n));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = resolve(import.meta.dirname, '../public/icons');
writeFileSync(resolve(dir, 'icon-192.png'), png(192, false));
writeFileSync(resolve(dir, 'icon-512.png'), png(512, false));
writeFileSync(resolve(dir, 'icon-maskable-512.png'), png(512, true));
console.log(`icons written to ${dir}`);
