#!/usr/bin/env node
// Draws Hubkeeper's icon (a hub: a ring with three linked nodes on a rounded teal tile) and
// writes the PNGs electron-builder wants into build/: icon.png (1024 px, macOS and Windows
// derive their formats from it) and icons/<N>x<N>.png for Linux. Pure Node (zlib), no tools.
// Usage: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1), as signed distances (negative inside).
const roundedRect = (x, y, r) => {
  const qx = Math.abs(x - 0.5) - (0.5 - 0.06 - r);
  const qy = Math.abs(y - 0.5) - (0.5 - 0.06 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - w;
};
const NODES = [0, 1, 2].map((i) => {
  const a = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
  return [0.5 + 0.25 * Math.cos(a), 0.52 + 0.25 * Math.sin(a)];
});

function shade(x, y) {
  // Layers back to front: tile (teal gradient), spokes, ring, nodes, centre.
  let color = [0, 0, 0, 0];
  const over = (d, rgb, aa) => {
    const cover = Math.max(0, Math.min(1, 0.5 - d / aa));
    if (cover <= 0) return;
    color = [0, 1, 2].map((i) => color[i] * (1 - cover) + rgb[i] * cover).concat(Math.max(color[3], cover));
  };
  return (aa) => {
    const t = y;
    over(roundedRect(x, y, 0.18), [20 + 20 * t, 128 - 40 * t, 140 - 30 * t], aa);
    for (const [nx, ny] of NODES) over(segment(x, y, 0.5, 0.52, nx, ny, 0.022), [230, 248, 246], aa);
    over(Math.abs(circle(x, y, 0.5, 0.52, 0.25)) - 0.02, [230, 248, 246], aa);
    for (const [nx, ny] of NODES) over(circle(x, y, nx, ny, 0.075), [255, 255, 255], aa);
    for (const [nx, ny] of NODES) over(circle(x, y, nx, ny, 0.04), [32, 110, 120], aa);
    over(circle(x, y, 0.5, 0.52, 0.09), [255, 196, 61], aa);
    return color;
  };
}

export function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const aa = 1.2 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [r, g, b, a] = shade((px + 0.5) / size, (py + 0.5) / size)(aa);
      const o = (py * size + px) * 4;
      rgba[o] = Math.round(r);
      rgba[o + 1] = Math.round(g);
      rgba[o + 2] = Math.round(b);
      rgba[o + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, rgba);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(root, 'build', 'icons'), { recursive: true });
  writeFileSync(join(root, 'build', 'icon.png'), drawIcon(1024));
  for (const size of [16, 32, 48, 64, 128, 256, 512])
    writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), drawIcon(size));
  console.log('make-icons: build/icon.png (1024) and build/icons/{16..512}x{16..512}.png');
}
