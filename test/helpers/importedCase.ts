// A case built by a real import and opened read-only, as the query workers open it: the setup of
// tests that read a case without writing to it.
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { tempDir } from './tmp.ts';

/** Imports `paths` into a new case (in `dir`, a fresh temp folder by default) and reopens it read-only. */
export async function importedCase(paths: string[], dir = tempDir()): Promise<CaseDb> {
  const casePath = join(dir, 'case.sqlite');
  const writer = openCase(casePath);
  try { await runImport(writer, { paths }); } finally { writer.close(); }
  return openCase(casePath, { readonly: true });
}
