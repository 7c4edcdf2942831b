// Main's rules on top of dispatch for calls from the (untrusted) window: an export writes only
// where the user chose in a save dialog; an import of paths the user never picked needs consent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PathGrants, createIpcPolicy } from '../../../electron/main/ipcPolicy.ts';

function ui(opts: { save?: string | null; confirm?: boolean } = {}) {
  const asked: { save: string[]; confirm: string[][] } = { save: [], confirm: [] };
  return {
    asked,
    ui: {
      chooseExportPath: async (p: string) => { asked.save.push(p); return opts.save === undefined ? '/home/u/chosen.csv' : opts.save; },
      confirmImport: async (paths: string[]) => { asked.confirm.push(paths); return opts.confirm ?? false; },
    },
  };
}

test('export.start: the path is the one chosen in the save dialog, never the page’s', async () => {
  const u = ui();
  const policy = createIpcPolicy(u.ui, new PathGrants());
  const r = await policy('export.start', { query: 'x', path: '/home/u/.bashrc' });
  assert.deepEqual(r, { ok: true, request: { query: 'x', path: '/home/u/chosen.csv' } });
  assert.deepEqual(u.asked.save, ['/home/u/.bashrc'], 'the proposal is only the dialog’s default');
});

test('export.start: a cancelled dialog cancels the export', async () => {
  const r = await createIpcPolicy(ui({ save: null }).ui, new PathGrants())('export.start', { path: '/tmp/x.csv' });
  assert.deepEqual(r, { ok: false, error: { code: 'cancelled', message: 'Export cancelled: no file was chosen.' } });
});

test('an invalid request opens no dialog: it goes on to dispatch, which reports it', async () => {
  const u = ui();
  const policy = createIpcPolicy(u.ui, new PathGrants());
  assert.deepEqual(await policy('export.start', { path: 42 }), { ok: true, request: { path: 42 } });
  assert.deepEqual(await policy('import.start', { paths: [] }), { ok: true, request: { paths: [] } });
  assert.deepEqual(u.asked, { save: [], confirm: [] });
});

test('import.start: granted paths (and what is inside granted folders) need no consent', async () => {
  const u = ui();
  const grants = new PathGrants();
  grants.grant(['/data/archives', '/tmp/one.json']);
  const policy = createIpcPolicy(u.ui, grants);
  const req = { paths: ['/data/archives/okta/x.json', '/tmp/one.json', '/data/archives'] };
  assert.deepEqual(await policy('import.start', req), { ok: true, request: req });
  assert.deepEqual(u.asked.confirm, []);
});

test('import.start: other paths need the user’s yes; a no cancels; a yes grants them', async () => {
  const grants = new PathGrants();
  grants.grant(['/data/archives']);
  const no = ui({ confirm: false });
  const r = await createIpcPolicy(no.ui, grants)('import.start', { paths: ['/data/archives-other/x', '/etc/shadow', '/data/archives/ok'] });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'cancelled');
  assert.deepEqual(no.asked.confirm, [['/data/archives-other/x', '/etc/shadow']], 'a sibling with a shared prefix is not inside the grant');
  const yes = ui({ confirm: true });
  const policy = createIpcPolicy(yes.ui, grants);
  assert.equal((await policy('import.start', { paths: ['/home/u/new.zip'] })).ok, true);
  assert.equal((await policy('import.start', { paths: ['/home/u/new.zip'] })).ok, true);
  assert.equal(yes.asked.confirm.length, 1, 'asked once');
});

test('other methods pass through untouched', async () => {
  const u = ui();
  const policy = createIpcPolicy(u.ui, new PathGrants());
  assert.deepEqual(await policy('events.page', { from: 0, to: 9 }), { ok: true, request: { from: 0, to: 9 } });
});
