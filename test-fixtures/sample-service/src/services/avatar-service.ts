// expect: no findings
import type { User } from '../db/entities/user';
import { gzipSvg, initialsAvatar } from '../lib/image';

const PALETTE = ['#1abc9c', '#3498db', '#9b59b6', '#e67e22', '#e74c3c', '#34495e'];

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => p[0].toUpperCase()).join('') || '?';
}

/** The user's avatar as a gzip-encoded SVG. */
export function renderAvatar(user: User, size = 128): Buffer {
  const color = PALETTE[user.id % PALETTE.length];
  const svg = initialsAvatar(initialsOf(user.name), color, size);
  return gzipSvg(svg);
}
