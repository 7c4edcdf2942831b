// The ordered registry of case-schema migrations. A case's PRAGMA user_version is the number of
// the last migration applied; add new ones at the end, never edit an applied one.
import type { CaseDb } from '../openCase.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-minute-counts.ts';
import { migration0003 } from './0003-facts.ts';
import { migration0004 } from './0004-raw-blocks.ts';

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside one transaction together with the user_version bump. */
  up: string;
  /** Work SQL alone cannot do (compression), run after `up` in the same transaction. */
  run?: (db: CaseDb) => void;
}

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];

export const latestVersion = migrations[migrations.length - 1]!.version;
