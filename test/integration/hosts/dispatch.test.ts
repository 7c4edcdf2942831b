// dispatch() against hostile requests: whatever an untrusted renderer sends, the answer is an
// envelope with the right code, short messages that do not echo the input, no prototype pollution,
// and handler failures (thrown, rejected, non-Error) mapped without crashing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METHODS } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/contract.ts';
import { AppError } from '../../../shared/errors.ts';
import { createDispatch, type Handlers } from '../../../electron/engine/hosts/dispatch.ts';

/** Handlers that echo their (parsed) request, with per-test overrides. */
function handlers(overrides: Partial<Record<string, (req: unknown) => unknown>> = {}): Handlers {
  return Object.fromEntries(METHODS.map((m) => [m, overrides[m] ?? (async (req: unknown) => ({ echo: req }))])) as unknown as Handlers;
}

function setup(overrides: Partial<Record<string, (req: unknown) => unknown>> = {}) {
  const bugs: string[] = [];
  return { dispatch: createDispatch(handlers(overrides), { logBug: (t) => bugs.push(t) }), bugs };
}

function errorOf(r: Result<unknown>) {
  assert.equal(r.ok, false, `expected an error, got ${JSON.stringify(r).slice(0, 200)}`);
  return (r as { ok: false; error: { code: string; message: string; position?: number } }).error;
}

test('a valid request reaches its handler with defaults applied', async () => {
  const { dispatch } = setup();
  const r = await dispatch('sources.rejects', { sourceId: '12' });
  assert.deepEqual(r, { ok: true, value: { echo: { sourceId: '12', offset: 0, limit: 100 } } });
  assert.deepEqual(await dispatch('case.info', undefined), { ok: true, value: { echo: {} } }, 'an absent body means no arguments');
});

test('unknown methods are bad_request, naming the method without echoing huge input', async () => {
  const { dispatch } = setup();
  const e = errorOf(await dispatch('events.drop', {}));
  assert.equal(e.code, 'bad_request');
  assert.match(e.message, /Unknown method "events\.drop"/);
  const huge = errorOf(await dispatch('x'.repeat(1_000_000), {}));
  assert.equal(huge.code, 'bad_request');
  assert.ok(huge.message.length < 200, `message is ${huge.message.length} chars`);
  for (const m of [42, null, undefined, {}, ['case.info'], Symbol('x'), () => 1]) {
    assert.equal(errorOf(await dispatch(m, {})).code, 'bad_request', `method ${String(typeof m)}`);
  }
});

test('inherited property names are not methods', async () => {
  const { dispatch } = setup();
  for (const m of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
    assert.equal(errorOf(await dispatch(m, {})).code, 'bad_request', m);
  }
});

test('wrong types, missing fields, extra keys and non-object bodies are bad_request with a short reason', async () => {
  const { dispatch } = setup();
  const cases: [string, unknown, RegExp][] = [
    ['events.page', { from: 'a', to: 10 }, /from/],
    ['events.page', { from: 0 }, /to/],
    ['events.page', { from: 0, to: 5000 }, /window at most 1000/],
    ['events.get', { id: 12 }, /id/],
    ['events.get', { id: '1; DROP TABLE events' }, /numeric id/],
    ['case.info', { extra: 1 }, /extra|Unrecognized/i],
    ['import.start', { paths: [] }, /paths/],
    ['import.start', { paths: 'not-an-array' }, /paths/],
    ['events.count', { query: 'x', sort: { field: 'password', dir: 'asc' } }, /sort/],
    ['case.info', null, /request/],
    ['case.info', 42, /request/],
    ['case.info', 'text', /request/],
    ['case.info', ['a'], /request/],
  ];
  for (const [method, body, reason] of cases) {
    const e = errorOf(await dispatch(method, body));
    assert.equal(e.code, 'bad_request', `${method} ${JSON.stringify(body)}`);
    assert.match(e.message, reason, `${method} ${JSON.stringify(body)}: ${e.message}`);
    assert.ok(e.message.length <= 600);
  }
});

test('huge strings are refused by the schema limits, and the message does not quote them', async () => {
  const { dispatch } = setup();
  const big = 'A'.repeat(200_000);
  for (const [method, body] of [
    ['events.count', { query: big }],
    ['import.start', { paths: [big] }],
    ['events.get', { id: big }],
    ['case.info', { [big]: 1 }],
    ['import.status', { importId: big }],
  ] as const) {
    const e = errorOf(await dispatch(method, body));
    assert.equal(e.code, 'bad_request', method);
    assert.ok(e.message.length <= 600, `${method}: ${e.message.length} chars`);
    assert.ok(!e.message.includes('A'.repeat(100)), `${method} echoed the input`);
  }
});

test('prototype-pollution keys are refused and pollute nothing', async () => {
  const { dispatch } = setup();
  for (const text of [
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"query": "x", "__proto__": {"polluted": true}}',
    '{"paths": ["/tmp/x"], "__proto__": {"isAdmin": true}}',
  ]) {
    const body: unknown = JSON.parse(text);
    const method = text.includes('paths') ? 'import.start' : text.includes('query') ? 'events.count' : 'case.info';
    const e = errorOf(await dispatch(method, body));
    assert.equal(e.code, 'bad_request', text);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined);
});

test('AppErrors keep their code, message and position', async () => {
  const { dispatch, bugs } = setup({
    'events.count': async () => { throw new AppError('query_syntax', 'Unclosed quote.', { position: 4, length: 3 }); },
    'events.get': async () => { throw new AppError('not_found', 'No event 7.'); },
  });
  assert.deepEqual(await dispatch('events.count', { query: 'abc "de' }), { ok: false, error: { code: 'query_syntax', message: 'Unclosed quote.', position: 4, length: 3 } });
  assert.deepEqual(await dispatch('events.get', { id: '7' }), { ok: false, error: { code: 'not_found', message: 'No event 7.' } });
  assert.deepEqual(bugs, [], 'AppErrors are not bugs');
});

test('a handler that throws, rejects, or throws a non-Error answers internal and logs the stack', async () => {
  const { dispatch, bugs } = setup({
    'case.info': () => { throw new TypeError('boom sync'); },
    'sources.list': async () => { throw new RangeError('boom async'); },
    'histogram.get': () => Promise.reject('a string'),
    'events.page': () => Promise.reject(undefined),
    'facets.list': () => { throw Object.create(null); },
  });
  const calls: [string, unknown][] = [
    ['case.info', {}], ['sources.list', {}], ['histogram.get', {}], ['events.page', { from: 0, to: 1 }], ['facets.list', { fields: ['system'] }],
  ];
  for (const [m, body] of calls) {
    const e = errorOf(await dispatch(m, body));
    assert.equal(e.code, 'internal', m);
    assert.match(e.message, /a bug/, m);
  }
  assert.equal(bugs.length, calls.length);
  assert.match(bugs[0]!, /TypeError: boom sync\n\s+at /, 'the stack is logged');
});

test('a storm of garbage never throws and always answers an envelope', async () => {
  const { dispatch } = setup();
  const garbage: unknown[] = [undefined, null, 0, -1, NaN, '', 'x', [], {}, { query: {} }, { from: -1, to: -1 }, { id: [] },
    { fields: 'system' }, { paths: [1, 2] }, { entityId: '' }, { path: '' }, new Date(), Object.create(null)];
  const answers = await Promise.all(METHODS.flatMap((m) => garbage.map((g) => dispatch(m, g))));
  for (const a of answers) assert.ok(a.ok === true || (a.ok === false && typeof a.error.code === 'string'));
  assert.ok(answers.some((a) => !a.ok));
});
