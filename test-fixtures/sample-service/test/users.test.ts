// expect: no findings
// Unit tests: run by the test runner, never on a request path, so sync calls are fine here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import * as bcrypt from 'bcrypt';
import { User } from '../src/db/entities/user';
import { sessionCache } from '../src/lib/cache';
import { readSync } from '../src/lib/csv';
import { renderAvatar } from '../src/services/avatar-service';

function makeUser(id: number, name: string): User {
  const user = new User();
  user.id = id;
  user.name = name;
  user.email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.test`;
  user.passwordHash = bcrypt.hashSync('correct horse battery', 4);
  user.sessionToken = null;
  user.createdAt = new Date(0);
  return user;
}

test('the avatar is a gzip-encoded SVG with the initials', () => {
  const svg = gunzipSync(renderAvatar(makeUser(7, 'Ada Lovelace'))).toString('utf8');
  assert.match(svg, /^<svg /);
  assert.match(svg, />AL<\/text>/);
});

test('password hashes verify', () => {
  const user = makeUser(1, 'Grace Hopper');
  assert.ok(bcrypt.compareSync('correct horse battery', user.passwordHash));
  assert.ok(!bcrypt.compareSync('wrong', user.passwordHash));
});

test('the CSV reader handles quoted cells', () => {
  const text = readFileSync(path.join(__dirname, 'fixtures', 'products.csv'), 'utf8');
  const rows = readSync(text);
  assert.equal(rows.length, 2);
  assert.equal(rows[1].name, 'Organic T-shirt, black');
});

test('the session cache holds users by token', () => {
  sessionCache.clear();
  sessionCache.set('token-1', makeUser(1, 'Grace Hopper'));
  assert.equal(sessionCache.get('token-1')?.name, 'Grace Hopper');
  sessionCache.clear();
});
