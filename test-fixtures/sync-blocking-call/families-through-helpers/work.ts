import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { globSync } from 'glob';
import { execFileSync } from 'node:child_process';
import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';

export function readConfig(): string {
  return readFileSync('./config.json', 'utf8');
  //     ^^^^^^^^^^^^ sync-blocking-call: POST /work
}

export function revision(): string {
  return execFileSync('git', ['rev-parse', 'HEAD']).toString();
  //     ^^^^^^^^^^^^ sync-blocking-call: POST /work
}

export function derive(input: string): ArrayBuffer {
  return hkdfSync('sha256', input, 'salt', 'info', 32);
  //     ^^^^^^^^ sync-blocking-call: POST /work
}

export function pack(input: string): Buffer {
  return brotliCompressSync(Buffer.from(input));
  //     ^^^^^^^^^^^^^^^^^^ sync-blocking-call: POST /work
}

export function hashPassword(input: string): string {
  return bcrypt.hashSync(input, 10);
  //     ^^^^^^^^^^^^^^^ sync-blocking-call: POST /work
}

export function issueToken(sub: string): string {
  return jwt.sign({ sub }, 'secret');
  //     ^^^^^^^^ sync-blocking-call: POST /work
}

export function listFiles(): string[] {
  return globSync('**/*.json');
  //     ^^^^^^^^ sync-blocking-call: POST /work
}

export function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
//^^^^^^^^^^^^ sync-blocking-call: POST /work
}

export function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    //   ^^^^^^^^^^^^^^^^^^^^^^^ sync-blocking-call(busyWait): POST /work
  }
}
