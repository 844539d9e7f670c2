import * as zlib from 'node:zlib';

/** A square SVG with the initials on a coloured background. */
export function initialsAvatar(initials: string, color: string, size: number): string {
  const fontSize = Math.round(size * 0.42);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<rect width="100%" height="100%" rx="${size / 8}" fill="${color}"/>`,
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="${fontSize}" fill="#fff">${initials}</text>`,
    '</svg>',
  ].join('');
}

/** The SVG, gzip-compressed at the highest level for `Content-Encoding: gzip`. */
export function gzipSvg(svg: string): Buffer {
  return zlib.gzipSync(Buffer.from(svg, 'utf8'), { level: zlib.constants.Z_BEST_COMPRESSION });
  //     ^^^^^^^^^^^^^ sync-blocking-call: GET /users/:id/avatar
}
