import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A truecolour PNG (8 bits per channel, no alpha) drawn by `pixel` — for tests and the demo's synthetic pictures. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A synthetic placeholder portrait — a plain grey head-and-shoulders silhouette on a pale blue background, drawn from
 * two shapes, of nobody — so that the demo shows a notice with a photo without using anyone's picture.
 */
export function syntheticPortrait(width = 240, height = 300): Buffer {
  const cx = width / 2;
  const head = { y: height * 0.36, rx: width * 0.19, ry: height * 0.18 };
  const shoulders = { y: height * 1.02, rx: width * 0.46, ry: height * 0.36 };
  return encodePng(width, height, (x, y) => {
    const inHead = ((x - cx) / head.rx) ** 2 + ((y - head.y) / head.ry) ** 2 <= 1;
    const inBody = ((x - cx) / shoulders.rx) ** 2 + ((y - shoulders.y) / shoulders.ry) ** 2 <= 1;
    if (inHead || inBody) return [120, 128, 140];
    const shade = Math.round(20 * (y / height));
    return [222 - shade, 230 - shade, 240 - shade];
  });
}
