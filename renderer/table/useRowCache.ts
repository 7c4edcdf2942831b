// Rows of the current result fetched by position, in fixed blocks, only for what is on screen (plus
// a margin). A fast scrollbar drag passes over thousands of blocks: a jumped-to window is fetched
// only once it has stayed put for a moment, requests are queued newest-first, and a block no longer
// wanted when its turn comes is skipped, so only the landing spot is fetched.
// The cache is bounded (blocks farthest from the screen dropped) and thrown away when query or sort
// change. Each page answer also carries the result's size, so the grid can size itself before the
// (possibly slower) count arrives. The first block of recent results is remembered, so going back to
// a previous search shows its rows at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorPayload, EventRow, QueryRequest } from '../../shared/contract.ts';
import { useApi, useResultCache } from '../api/ApiContext.tsx';

export const BLOCK_ROWS = 200;
const MAX_BLOCKS = 150;
const MAX_IN_FLIGHT = 3;
/** How long a jumped-to window must stay put before its rows are fetched. */
const SETTLE_MS = 60;

export interface RowCache {
  /** The row at a position, or undefined while it loads. */
  row(index: number): EventRow | undefined;
  /** Tell the cache which positions are visible; fetches what is missing. */
  want(first: number, last: number): void;
  /** Whether every row in first..last is loaded. */
  has(first: number, last: number): boolean;
  /** Bumps when rows arrive, so the table re-renders. */
  version: number;
  /** Size of the result as the last page answer gave it (null before the first answer). */
  pageTotal: { total: number; capped: boolean } | null;
  error: ErrorPayload | null;
}

interface CacheState {
  key: string;
  gen: number;
  blocks: Map<number, EventRow[]>;
  inFlight: Set<number>;
  queue: number[];
  wanted: { first: number; last: number };
}

export function useRowCache(request: QueryRequest, refresh: number): RowCache {
  const api = useApi();
  const recent = useResultCache();
  // `refresh` is part of the key so an import that changed the case refetches what is shown.
  const key = JSON.stringify([request, refresh]);
  const [version, setVersion] = useState(0);
  const [errorState, setError] = useState<{ key: string; error: ErrorPayload } | null>(null);
  const [pageTotalState, setPageTotal] = useState<{ key: string; value: RowCache['pageTotal'] }>({ key: '', value: null });
  const st = useRef<CacheState>({ key, gen: 0, blocks: new Map(), inFlight: new Set(), queue: [], wanted: { first: 0, last: 60 } });

  // New query or sort: forget everything (answers for the old one are dropped by `gen`); a new
  // result is shown from its top, so the first screen is what is wanted.
  if (st.current.key !== key) {
    const span = Math.max(60, st.current.wanted.last - st.current.wanted.first);
    st.current = { key, gen: st.current.gen + 1, blocks: new Map(), inFlight: new Set(), queue: [], wanted: { first: 0, last: span } };
    const first = recent.get(`page0\n${key}`) as { rows: EventRow[]; total: number; capped: boolean } | undefined;
    if (first) st.current.blocks.set(0, first.rows);
  }

  const pump = useCallback(() => {
    const s = st.current;
    while (s.inFlight.size < MAX_IN_FLIGHT && s.queue.length > 0) {
      const block = s.queue.shift()!;
      const firstBlock = Math.floor(s.wanted.first / BLOCK_ROWS) - 1;
      const lastBlock = Math.floor(s.wanted.last / BLOCK_ROWS) + 1;
      if (block < firstBlock || block > lastBlock || s.blocks.has(block) || s.inFlight.has(block)) continue;
      s.inFlight.add(block);
      const gen = s.gen;
      const from = block * BLOCK_ROWS;
      const req = { ...(JSON.parse(s.key) as [QueryRequest, number])[0], from, to: from + BLOCK_ROWS };
      void api.call('events.page', req).then((r) => {
        const now = st.current;
        if (now.gen !== gen) return;
        now.inFlight.delete(block);
        if (r.ok) {
          now.blocks.set(block, r.value.rows.slice(0, BLOCK_ROWS));
          if (block === 0) recent.set(`page0\n${now.key}`, { rows: now.blocks.get(0), total: r.value.total, capped: r.value.capped });
          if (now.blocks.size > MAX_BLOCKS) evict(now.blocks, now.wanted);
          setPageTotal((p) => (p.key === now.key && p.value?.total === r.value.total && p.value.capped === r.value.capped ? p : { key: now.key, value: { total: r.value.total, capped: r.value.capped } }));
          setError((e) => (e === null || e.key !== now.key ? e : null));
        } else {
          setError({ key: now.key, error: r.error });
        }
        setVersion((v) => v + 1);
        pump();
      });
    }
  }, [api, recent]);

  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const want = useCallback((first: number, last: number) => {
    const s = st.current;
    const before = s.wanted;
    s.wanted = { first, last };
    if (last < first) return;
    const need: number[] = [];
    for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
      if (!s.blocks.has(b) && !s.inFlight.has(b)) need.push(b);
    }
    if (need.length === 0) return;
    // Newest wishes first; older queued blocks stay behind and are skipped if no longer wanted.
    s.queue = [...need, ...s.queue.filter((b) => !need.includes(b))];
    if (settle.current !== null) clearTimeout(settle.current);
    settle.current = null;
    // A jump (the window does not touch the last one: a scrollbar drag, End) fetches once the
    // window has stayed put for a moment, so a drag's frames do not share the cores with fetches
    // for places it only passes over. Scrolling row by row fetches at once.
    const jumped = first > before.last + 1 || last < before.first - 1;
    if (jumped) settle.current = setTimeout(() => { settle.current = null; pump(); }, SETTLE_MS);
    else pump();
  }, [pump]);
  useEffect(() => () => { if (settle.current !== null) clearTimeout(settle.current); }, []);

  // A new result: fetch the first screen at once, before anyone knows how big it is.
  useEffect(() => {
    const { first, last } = st.current.wanted;
    want(first, Math.max(last, first));
  }, [key, want, recent]);

  const row = useCallback((index: number) => st.current.blocks.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS], []);
  const has = useCallback((first: number, last: number) => {
    for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) if (!st.current.blocks.has(b)) return false;
    return true;
  }, []);

  // The size as known for this result: from its own page answers, or remembered from an earlier visit.
  let pageTotal: RowCache['pageTotal'] = null;
  if (pageTotalState.key === key) pageTotal = pageTotalState.value;
  else {
    const remembered = recent.get(`page0\n${key}`) as { total: number; capped: boolean } | undefined;
    if (remembered) pageTotal = { total: remembered.total, capped: remembered.capped };
  }

  const error = errorState !== null && errorState.key === key ? errorState.error : null;
  return { row, want, has, version, pageTotal, error };
}

/** Drops the blocks farthest from what is on screen. */
function evict(blocks: Map<number, EventRow[]>, wanted: { first: number; last: number }): void {
  const centre = (wanted.first + wanted.last) / 2 / BLOCK_ROWS;
  const byDistance = [...blocks.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const b of byDistance.slice(0, blocks.size - MAX_BLOCKS)) blocks.delete(b);
}
