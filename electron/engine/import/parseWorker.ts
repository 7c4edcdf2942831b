// Worker-thread entry: receives batches of split records and answers with prepared events/rejects
// (their buffers transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { findMapper } from './mappers/index.ts';
import { prepareRecords, transferList } from './prepare.ts';
import type { MapContext, RawRecord } from './types.ts';

parentPort!.on('message', (m: { id: number; records: RawRecord[]; mapperName: string; ctx: MapContext }) => {
  try {
    const mapper = findMapper(m.mapperName);
    if (!mapper) throw new Error(`unknown format ${m.mapperName}`);
    const result = prepareRecords(m.records, mapper, m.ctx);
    parentPort!.postMessage({ id: m.id, result }, transferList(result));
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
