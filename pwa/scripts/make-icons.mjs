#!/usr/bin/env node
// Draws the RJ Hub icons (two interlocking rings — two parties meeting — on the theme colour)
// and writes them as PNG, ICO and SVG into public/. Uses only node's zlib: no downloads, no
// native image libraries. The output is committed; run `npm run icons` after changing this file.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const THEME = [0x12, 0x43, 0x6d]; // #12436d, also in vite.config.ts and src/app.css
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xff, 0xdd, 0x00];

// ---- PNG encoding -------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (Uint8Array, size*size*4) to a PNG file. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO file holding one PNG image (supported by every current browser). */
function encodeIco(size, png) {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(1, 4); // one image
  head[6] = size >= 256 ? 0 : size;
  head[7] = size >= 256 ? 0 : size;
  head[8] = 0; // no palette
  head[9] = 0;
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, png]);
}

// ---- Drawing ------------------------------------------------------------------------------

/**
 * Colour at a point (unit square, y down) or null for transparent.
 * shape: 'rounded' (transparent corners) or 'full' (full bleed, for maskable/apple icons);
 * scale: size of the rings relative to the icon, so maskable icons keep them in the safe zone.
 */
function sample(x, y, { shape, scale }) {
  if (shape === 'rounded') {
    const r = 0.2;
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  }
  // Ring geometry in icon units, scaled about the centre.
  const u = 0.5 + (x - 0.5) / scale;
  const v = 0.5 + (y - 0.5) / scale;
  const radius = 0.2;
  const half = 0.045;
  const inRing = (cx) => Math.abs(Math.hypot(u - cx, v - 0.5) - radius) <= half;
  const left = inRing(0.385);
  const right = inRing(0.615);
  // Interlocked: white passes over yellow at the top crossing, under it at the bottom one.
  if (left && right) return v < 0.5 ? WHITE : YELLOW;
  if (right) return YELLOW;
  if (left) return WHITE;
  return THEME;
}

function draw(size, options) {
  const ss = 4; // 4×4 supersampling for smooth edges
  const px = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let qx = 0; qx < size; qx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((qx + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, options);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (py * size + qx) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return encodePng(size, px);
}

function write(rel, data) {
  const path = join(out, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`${rel}  ${data.length} bytes`);
}

const any = { shape: 'rounded', scale: 1 };
write('icons/icon-192.png', draw(192, any));
write('icons/icon-512.png', draw(512, any));
// Maskable: the platform crops to its own shape; keep the rings inside the 80% safe circle.
write('icons/icon-maskable-512.png', draw(512, { shape: 'full', scale: 0.72 }));
// iOS rounds the corners itself and shows transparency as black: full bleed.
write('icons/apple-touch-icon.png', draw(180, { shape: 'full', scale: 0.85 }));
write('favicon.ico', encodeIco(32, draw(32, any)));

const hex = (c) => `#${c.map((n) => n.toString(16).padStart(2, '0')).join('')}`;
write(
  'favicon.svg',
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" rx="20" fill="${hex(THEME)}"/>` +
    `<g fill="none" stroke-width="9">` +
    `<circle cx="38.5" cy="50" r="20" stroke="${hex(WHITE)}"/>` +
    `<circle cx="61.5" cy="50" r="20" stroke="${hex(YELLOW)}"/>` +
    `<path d="M 43.68 30.68 A 20 20 0 0 1 54.88 38.53" stroke="${hex(WHITE)}"/>` +
    `</g></svg>\n`,
);
