// The console's keys (kiosk/web/src/counter/shortcuts.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHORTCUTS, actionForKey, isTypingTarget } from '../../../kiosk/web/src/counter/shortcuts.js';
import { ACTIONS } from '../../../kiosk/web/src/counter/console_model.js';

const key = (code, extra = {}) => ({ code, target: { tagName: 'BODY' }, ...extra });

test('every action has its own letter', () => {
  assert.deepEqual(Object.keys(SHORTCUTS).sort(), [...ACTIONS].sort());
  const letters = Object.values(SHORTCUTS);
  assert.equal(new Set(letters).size, letters.length);
  for (const l of letters) assert.match(l, /^[A-Z]$/);
});

test('keys are matched by their physical code, so Telex, VNI or Caps Lock do not change them', () => {
  assert.equal(actionForKey(key('KeyG', { key: 'g' })), 'next');
  assert.equal(actionForKey(key('KeyG', { key: 'G' })), 'next');
  assert.equal(actionForKey(key('KeyH', { key: 'Process' })), 'complete');
  assert.equal(actionForKey(key('KeyV')), 'noShow');
  assert.equal(actionForKey(key('KeyM')), 'open');
  assert.equal(actionForKey(key('KeyQ')), '');
  assert.equal(actionForKey(key('Digit1')), '');
});

test('no action while typing, with a modifier held, or on auto-repeat', () => {
  assert.equal(actionForKey(key('KeyG', { target: { tagName: 'INPUT' } })), '');
  assert.equal(actionForKey(key('KeyG', { target: { tagName: 'textarea' } })), '');
  assert.equal(actionForKey(key('KeyG', { target: { tagName: 'SELECT' } })), '');
  assert.equal(actionForKey(key('KeyG', { target: { tagName: 'DIV', isContentEditable: true } })), '');
  assert.equal(actionForKey(key('KeyG', { ctrlKey: true })), '');
  assert.equal(actionForKey(key('KeyG', { altKey: true })), '');
  assert.equal(actionForKey(key('KeyG', { metaKey: true })), '');
  assert.equal(actionForKey(key('KeyG', { repeat: true })), '');
  assert.equal(isTypingTarget(null), false);
  assert.equal(actionForKey(null), '');
});
