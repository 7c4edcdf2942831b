// The coloured copy of the query drawn exactly under the (transparent-text) search input: one span
// per token from the shared tokenizer, and the parser's error span marked in place. Text only.
import { forwardRef } from 'react';
import { tokenize } from '../../shared/query/index.ts';

interface Props {
  text: string;
  error: { position: number; length: number } | null;
}

export const HighlightLayer = forwardRef<HTMLDivElement, Props>(function HighlightLayer({ text, error }, ref) {
  const errStart = error ? error.position : -1;
  // A zero-length error (e.g. "expected a value at the end") still gets a visible mark.
  const errEnd = error ? Math.max(error.position + error.length, error.position + 1) : -1;
  const parts: { key: string; cls: string; text: string }[] = [];
  for (const t of tokenize(text)) {
    const cuts = [t.start, t.end];
    if (errStart > t.start && errStart < t.end) cuts.push(errStart);
    if (errEnd > t.start && errEnd < t.end) cuts.push(errEnd);
    cuts.sort((a, b) => a - b);
    for (let i = 0; i < cuts.length - 1; i++) {
      const a = cuts[i]!;
      const b = cuts[i + 1]!;
      if (a === b) continue;
      const inErr = a >= errStart && b <= errEnd;
      parts.push({ key: `${a}`, cls: `tok tok-${t.kind}${inErr ? ' tok-err' : ''}`, text: text.slice(a, b) });
    }
  }
  const trailingErr = error !== null && errStart >= text.length;
  return (
    <div className="search-highlight" ref={ref} aria-hidden="true">
      {parts.map((p) => <span key={p.key} className={p.cls}>{p.text}</span>)}
      {trailingErr && <span className="tok tok-err tok-err-end">{' '}</span>}
      {'\u200b'}
    </div>
  );
});
