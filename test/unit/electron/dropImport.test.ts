// Drops in the desktop app (installDropImport), on a stand-in window: files on disk go to main as
// paths, and the preload takes the drop before the page does — in the capture phase, marking it
// handled (preventDefault) — which is how the page's own drop handler (renderer/app/useFileDrop.ts)
// knows to stand down instead of opening the browser's "type the path" form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installDropImport } from '../../../electron/preload/dropImport.ts';

type Listener = (e: never) => void;

function fakeWindow() {
  const listeners: { type: string; listener: Listener; capture: boolean }[] = [];
  return {
    listeners,
    target: { addEventListener: (type: string, listener: Listener, capture?: boolean) => { listeners.push({ type, listener, capture: capture === true }); } },
    /** Delivers a drag event to the installed listeners; returns it, to read defaultPrevented. */
    fire(type: string, files: { name: string; path: string }[] | null, types = files ? ['Files'] : ['text/plain']) {
      const e = {
        defaultPrevented: false,
        dataTransfer: files === null && types.length === 0 ? null : { types, files: { length: files?.length ?? 0, item: (i: number) => files?.[i] ?? null } },
        preventDefault() { this.defaultPrevented = true; },
      };
      for (const l of listeners.filter((x) => x.type === type)) l.listener(e as never);
      return e;
    },
  };
}

function install() {
  const w = fakeWindow();
  const sent: string[][] = [];
  installDropImport(w.target, (f) => (f as { path: string }).path, (paths) => sent.push(paths));
  return { ...w, sent };
}

test('dropped files on disk go to main as their paths, and the page sees the drop as taken', () => {
  const w = install();
  const e = w.fire('drop', [{ name: 'okta.json', path: '/logs/okta.json' }, { name: 'trail.zip', path: '/logs/trail.zip' }]);
  assert.deepEqual(w.sent, [['/logs/okta.json', '/logs/trail.zip']]);
  assert.equal(e.defaultPrevented, true, 'the page’s drop handler reads this and stands down');
});

test('the preload listens in the capture phase, so it runs before the page’s own listeners', () => {
  const w = install();
  assert.deepEqual(w.listeners.map((l) => [l.type, l.capture]), [['dragover', true], ['drop', true]]);
});

test('dragging files over the window allows the drop', () => {
  const w = install();
  assert.equal(w.fire('dragover', [{ name: 'a.json', path: '/a.json' }]).defaultPrevented, true);
  assert.deepEqual(w.sent, [], 'nothing is imported before the drop');
});

test('files a page script made (no path on disk) are never sent', () => {
  const w = install();
  w.fire('drop', [{ name: 'forged.json', path: '' }, { name: 'real.json', path: '/real.json' }]);
  w.fire('drop', [{ name: 'forged.json', path: '' }]);
  assert.deepEqual(w.sent, [['/real.json']]);
});

test('drags that carry no files (text, links) are left to the page', () => {
  const w = install();
  assert.equal(w.fire('dragover', null).defaultPrevented, false);
  assert.equal(w.fire('drop', null).defaultPrevented, false);
  assert.equal(w.fire('drop', null, []).defaultPrevented, false, 'no dataTransfer at all');
  assert.deepEqual(w.sent, []);
});
