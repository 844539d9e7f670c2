import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { globSync } from 'glob';
import { execFileSync } from 'node:child_process';
import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, brotliCompress } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

export async function readConfig(): Promise<string> {
  return await readFile('./config.json', 'utf8');
}

export function revision(): string {
  return execFileSync('git', ['rev-parse', 'HEAD']).toString();
}

export function derive(input: string): ArrayBuffer {
  return hkdfSync('sha256', input, 'salt', 'info', 32);
}

export async function pack(input: string): Promise<Buffer> {
  return await promisify(brotliCompress)(Buffer.from(input));
}

export async function hashPassword(input: string): Promise<string> {
  return await bcrypt.hash(input, 10);
}

export function issueToken(sub: string): string {
  return jwt.sign({ sub }, 'secret');
}

export function listFiles(): string[] {
  return globSync('**/*.json');
}

export function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
  }
}
