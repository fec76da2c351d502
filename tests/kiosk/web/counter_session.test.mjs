// The clerk's sign-in kept in localStorage (kiosk/web/src/counter/session.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clerkIdOf, loadSession, saveSession, clearSession, sessionKey, loadPrefs, savePrefs } from '../../../kiosk/web/src/counter/session.js';
import { memoryStorage } from './counter_test_storage.mjs';

test('a Vietnamese name becomes an id the gateway accepts (printable ASCII, no spaces)', () => {
  assert.equal(clerkIdOf('Nguyễn Thị Lan'), 'Nguyen.Thi.Lan');
  assert.equal(clerkIdOf('  Đỗ   Đức Hưởng '), 'Do.Duc.Huong');
  assert.equal(clerkIdOf('CB042'), 'CB042');
  assert.equal(clerkIdOf('Trần Thị Ngọc Ánh (tổ 1)'), 'Tran.Thi.Ngoc.Anh.(to.1)');
  assert.equal(clerkIdOf('   '), '');
  assert.equal(clerkIdOf('日本'), '');
  assert.equal(clerkIdOf('x'.repeat(100)).length, 64);
  assert.match(clerkIdOf('Lê Văn Tám\tB'), /^[\x21-\x7e]+$/);
});

test('a session is saved, loaded and cleared per centre', () => {
  const s = memoryStorage();
  assert.equal(loadSession(s, '09187'), null);
  saveSession(s, '09187', { clerkName: 'Nguyễn Thị Lan', clerkId: 'Nguyen.Thi.Lan', counterId: '5' });
  assert.deepEqual(loadSession(s, '09187'), { clerkName: 'Nguyễn Thị Lan', clerkId: 'Nguyen.Thi.Lan', counterId: '5' });
  assert.equal(loadSession(s, '07696'), null, 'another centre has its own');
  clearSession(s, '09187');
  assert.equal(loadSession(s, '09187'), null);
});

test('a stored session that is broken or not a valid id is ignored', () => {
  const s = memoryStorage();
  s.setItem(sessionKey('09187'), '{not json');
  assert.equal(loadSession(s, '09187'), null);
  s.setItem(sessionKey('09187'), JSON.stringify({ clerkId: 'has space', counterId: '5' }));
  assert.equal(loadSession(s, '09187'), null);
  s.setItem(sessionKey('09187'), JSON.stringify({ clerkId: 'lan', counterId: '' }));
  assert.equal(loadSession(s, '09187'), null);
  s.setItem(sessionKey('09187'), JSON.stringify({ clerkId: 'lan', counterId: '5' }));
  assert.deepEqual(loadSession(s, '09187'), { clerkName: 'lan', clerkId: 'lan', counterId: '5' });
  const throwing = { getItem: () => { throw new Error('denied'); } };
  assert.equal(loadSession(throwing, '09187'), null);
});

test('the rating overlay is on unless turned off', () => {
  const s = memoryStorage();
  assert.deepEqual(loadPrefs(s), { ratingOverlay: true });
  savePrefs(s, { ratingOverlay: false });
  assert.deepEqual(loadPrefs(s), { ratingOverlay: false });
  s.setItem('qms.counter.prefs', 'garbage');
  assert.deepEqual(loadPrefs(s), { ratingOverlay: true });
});
