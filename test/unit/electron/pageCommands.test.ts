// Main → page commands (createPageCommands) with a stand-in webContents: a loaded page gets the
// command at once; a loading one (the window just created at launch, or reloaded for another case)
// gets it when the load finishes, since a message sent earlier would reach no listener.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPageCommands, type PageContentsLike } from '../../../electron/main/pageCommands.ts';
import { MENU_CHANNEL } from '../../../electron/preload/channels.ts';

function contents(loading: boolean) {
  const sent: unknown[][] = [];
  let onLoad: (() => void) | null = null;
  const wc = {
    loading, destroyed: false,
    isDestroyed() { return this.destroyed; },
    isLoading() { return this.loading; },
    once(_event: 'did-finish-load', l: () => void) { assert.equal(onLoad, null, 'one load listener at a time'); onLoad = l; },
    send(...args: unknown[]) { sent.push(args); },
  };
  const finishLoad = () => { wc.loading = false; const l = onLoad; onLoad = null; l?.(); };
  return { wc: wc as typeof wc & PageContentsLike, sent, finishLoad };
}

test('a loaded page gets each command at once, on the menu channel', () => {
  const c = contents(false);
  const show = createPageCommands(() => c.wc);
  show({ command: 'export' });
  show({ command: 'import', importId: 'a1' });
  assert.deepEqual(c.sent, [[MENU_CHANNEL, { command: 'export' }], [MENU_CHANNEL, { command: 'import', importId: 'a1' }]]);
});

test('a loading page gets the commands when its load finishes — the latest of each kind', () => {
  const c = contents(true);
  const show = createPageCommands(() => c.wc);
  show({ command: 'import', importId: 'first' });
  show({ command: 'theme', theme: 'dark' });
  show({ command: 'import', importId: 'second' });
  assert.deepEqual(c.sent, [], 'nothing is sent into a page that is still loading');
  c.finishLoad();
  assert.deepEqual(c.sent, [[MENU_CHANNEL, { command: 'import', importId: 'second' }], [MENU_CHANNEL, { command: 'theme', theme: 'dark' }]]);
  show({ command: 'export' });
  assert.deepEqual(c.sent.at(-1), [MENU_CHANNEL, { command: 'export' }]);
});

test('no window, or one closed meanwhile, gets nothing and nothing throws', () => {
  const show = createPageCommands(() => null);
  show({ command: 'export' });
  const c = contents(true);
  const show2 = createPageCommands(() => c.wc);
  show2({ command: 'export' });
  c.wc.destroyed = true;
  c.finishLoad();
  assert.deepEqual(c.sent, []);
});
