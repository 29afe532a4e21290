// Draws the app icon and the tray icons as PNG files in this folder, with Node only:
//   node resources/icons/generate-icons.ts
// The PNGs are committed; run this again only to change them.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
/** Whether a point of the unit square (0..1 on each axis) is inside a shape. */
type Shape = (x: number, y: number) => boolean;

function png(size: number, paint: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const samples = 4;
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          acc[0] = (acc[0] ?? 0) + r * a;
          acc[1] = (acc[1] ?? 0) + g * a;
          acc[2] = (acc[2] ?? 0) + b * a;
          acc[3] = (acc[3] ?? 0) + a;
        }
      }
      const alpha = acc[3] ?? 0;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = alpha > 0 ? Math.round((acc[0] ?? 0) / alpha) : 0;
      raw[o + 1] = alpha > 0 ? Math.round((acc[1] ?? 0) / alpha) : 0;
      raw[o + 2] = alpha > 0 ? Math.round((acc[2] ?? 0) / alpha) : 0;
      raw[o + 3] = Math.round(alpha / (samples * samples));
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const none: Rgba = [0, 0, 0, 0];

function roundedSquare(inset: number, radius: number): Shape {
  return (x, y) => {
    const lo = inset + radius;
    const hi = 1 - inset - radius;
    const dx = Math.max(lo - x, 0, x - hi);
    const dy = Math.max(lo - y, 0, y - hi);
    return (
      x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius
    );
  };
}

/** A stroke from (ax, ay) to (bx, by) with round ends. */
function capsule(ax: number, ay: number, bx: number, by: number, r: number): Shape {
  return (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    const dx = x - (ax + t * vx);
    const dy = y - (ay + t * vy);
    return dx * dx + dy * dy <= r * r;
  };
}

const circle =
  (r: number): Shape =>
  (x, y) =>
    (x - 0.5) ** 2 + (y - 0.5) ** 2 <= r * r;

// The app icon: three claw marks on a deep teal tile.
const tile = roundedSquare(0.06, 0.2);
const claws = [0, 1, 2].map((i) => capsule(0.38 + i * 0.15, 0.28, 0.32 + i * 0.15, 0.72, 0.045));
const appIcon = (x: number, y: number): Rgba => {
  if (!tile(x, y)) return none;
  if (claws.some((c) => c(x, y))) return [245, 250, 250, 255];
  const shade = Math.round(20 * y);
  return [15 + shade, 118 - shade, 110 - shade, 255];
};

// Tray icons: a dot in the health colour with a dark rim; "unknown" is a hollow grey ring.
const tray: Record<string, Rgba> = {
  healthy: [22, 163, 74, 255],
  degraded: [217, 119, 6, 255],
  down: [220, 38, 38, 255],
  unknown: [107, 114, 128, 255],
};
const rim = circle(0.44);
const dot = circle(0.36);
const hole = circle(0.22);
const trayIcon =
  (state: string, colour: Rgba) =>
  (x: number, y: number): Rgba => {
    if (!rim(x, y)) return none;
    if (state === 'unknown') return hole(x, y) ? none : colour;
    if (!dot(x, y)) return [30, 30, 30, 200];
    return colour;
  };

const dir = new URL('./', import.meta.url);
writeFileSync(new URL('icon.png', dir), png(1024, appIcon));
for (const [state, colour] of Object.entries(tray)) {
  writeFileSync(new URL(`tray-${state}.png`, dir), png(16, trayIcon(state, colour)));
  writeFileSync(new URL(`tray-${state}@2x.png`, dir), png(32, trayIcon(state, colour)));
}
process.stdout.write('icons written\n');
