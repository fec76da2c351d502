// A page's own access token (kiosk/web/src/common/page_token.js): taken from
// the address's fragment into sessionStorage, and its subject read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptToken, storedToken, forgetToken, tokenSubject } from '../../../kiosk/web/src/common/page_token.js';
import { memoryStorage } from './counter_test_storage.mjs';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
// qms.v1.TokenClaims: role (1, varint), subject (2), centres (3), expires_at_s (7).
function claims(subject) {
  const name = Buffer.from(subject, 'utf8');
  return Uint8Array.from([0x08, 0x03, 0x12, name.length, ...name, 0x1a, 0x05, ...Buffer.from('09187'), 0x38, 0x80, 0x80, 0x80, 0x80, 0x06]);
}
const token = (subject) => `qms1.${b64url(claims(subject))}.${b64url(new Uint8Array(64).fill(7))}`;

test('the subject of a token is read from its claims, Vietnamese included', () => {
  assert.equal(tokenSubject(token('lan')), 'lan');
  assert.equal(tokenSubject(token('Nguyễn Thị Lan')), 'Nguyễn Thị Lan');
});

test('what is not a token has no subject', () => {
  assert.equal(tokenSubject(''), '');
  assert.equal(tokenSubject('Bearer x'), '');
  assert.equal(tokenSubject('qms1.!!!.abc'), '');
  assert.equal(tokenSubject(`qms1.${b64url([0x12, 0x50, 0x61])}.AAAA`), '', 'a length past the end');
  assert.equal(tokenSubject(`qms1.${b64url([0x08, 0x03])}.AAAA`), '', 'no subject');
});

test('a token in the fragment is kept and taken out of the address; other fragment parts stay', () => {
  const storage = memoryStorage();
  const t = token('lan');
  assert.equal(adoptToken(`#token=${t}`, storage), '');
  assert.equal(storedToken(storage), t);
  assert.equal(adoptToken(`#counter=2&token=${t}`, storage), '#counter=2');
  assert.equal(adoptToken('#counter=2', storage), null, 'no token: nothing to take');
  assert.equal(storedToken(storage), t, 'and the kept one stays');
});

test('a malformed token in the address is dropped from it and never sent', () => {
  const storage = memoryStorage();
  assert.equal(adoptToken('#token=<script>', storage), '');
  assert.equal(storedToken(storage), '');
  storage.setItem('qms.pageToken', 'not a token');
  assert.equal(storedToken(storage), '');
  forgetToken(storage);
  assert.equal(storage.getItem('qms.pageToken'), null);
});
