// Migration 4: raw records move from one row per event (`raw`) to zstd blocks of consecutive
// records (`raw_blocks`, rawBlocks.ts), and `raw` becomes a view that reads them: the case shrinks
// from 1.97× to 1.21× the input (1M CloudTrail events; docs/PERFORMANCE.md). A record that produced
// several events is stored once. Existing records are packed here, source by source in file order;
// the old table's pages are left free for the next import to reuse.
import type { Migration } from './index.ts';
import { BlockPacker, blockInserter, RAW_VIEW } from '../rawBlocks.ts';
import type { CaseDb } from '../openCase.ts';

export const migration0004: Migration = {
  version: 4,
  name: 'raw-blocks',
  up: `
    CREATE TABLE raw_blocks (
      id   INTEGER PRIMARY KEY,                -- source id × 2^32 + the first record's number
      tag  INTEGER NOT NULL,                   -- random: tells a block from an earlier one under the same key
      data BLOB NOT NULL                       -- zstd: the records and their CSV objects (rawBlocks.ts)
    );`,
  run: packExistingRecords,
};

/** Rows read (and blocks written) at a time: a connection cannot write while a statement reads. */
const PAGE = 20_000;

function packExistingRecords(db: CaseDb): void {
  const insert = blockInserter(db);
  // The records in file order, numbered, so they can be read a page at a time without re-sorting.
  db.exec('CREATE TEMP TABLE raw_order AS SELECT source_id, record_no, id FROM events ORDER BY source_id, record_no, event_index');
  const page = db.prepare(`SELECT o.rowid AS pos, o.source_id AS source, o.record_no AS recordNo, r.text, r.obj
    FROM temp.raw_order o JOIN raw r ON r.id = o.id WHERE o.rowid > ? ORDER BY o.rowid LIMIT ${PAGE}`);
  let pos = 0;
  let source = -1;
  let last = -1;
  for (;;) {
    const rows = page.all(pos) as { pos: number; source: number; recordNo: number; text: string; obj: string | null }[];
    if (rows.length === 0) break;
    let packer = new BlockPacker();
    const write = () => insert(source, packer.finish());
    for (const r of rows) {
      if (r.source !== source) { write(); packer = new BlockPacker(); source = r.source; last = -1; }
      if (r.recordNo === last) continue; // another event of the same record
      packer.add(r.recordNo, r.text, r.obj);
      last = r.recordNo;
    }
    write();
    pos = rows[rows.length - 1]!.pos;
  }
  db.exec(`DROP TABLE temp.raw_order; DROP TABLE raw; ${RAW_VIEW};`);
}
