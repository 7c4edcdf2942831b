// The search box: the query language with live highlighting, the parser's error marked at its spot,
// the query explained in words underneath, and completions (qualifiers, top values, recent searches).
// Enter runs the search; the committed query comes back in from outside when a facet or the timeline
// edits it, so the box always shows what the table shows.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { explainQuery, formatFieldValue, parseQuery } from '../../shared/query/index.ts';
import { HighlightLayer } from './HighlightLayer.tsx';
import { useCompletions, type Completion } from './useCompletions.ts';
import { useRecentQueries } from './useRecentQueries.ts';

const ERROR_DELAY_MS = 700;

interface Props {
  query: string;
  onCommit(query: string): void;
  inputRef: RefObject<HTMLInputElement | null>;
}

export function SearchBar({ query, onCommit, inputRef }: Props) {
  const [draft, setDraft] = useState(query);
  const [cursor, setCursor] = useState(query.length);
  const [open, setOpen] = useState(false);
  const [activeIx, setActiveIx] = useState(-1);
  const highlight = useRef<HTMLDivElement>(null);
  const listId = useId();
  const explainId = useId();
  const { recent, remember } = useRecentQueries();

  useEffect(() => { setDraft(query); }, [query]);

  const parsed = parseQuery(draft);
  // A query is usually invalid while it is being typed (`actor:` before its value): the error is
  // shown once typing pauses or Enter is pressed, not on every keystroke.
  const [errorShown, setErrorShown] = useState(false);
  useEffect(() => {
    setErrorShown(false);
    const t = setTimeout(() => setErrorShown(true), ERROR_DELAY_MS);
    return () => clearTimeout(t);
  }, [draft]);
  const error = parsed.ok || !errorShown ? null : parsed.error;
  const { ctx, items } = useCompletions(draft, cursor, open, recent);
  const shown = open ? items : [];
  const ctxKey = JSON.stringify(ctx);
  useEffect(() => { setActiveIx(-1); }, [ctxKey]);

  // Keep the coloured copy scrolled exactly like the input when the text is wider than the box.
  const syncScroll = () => {
    if (highlight.current && inputRef.current) highlight.current.scrollLeft = inputRef.current.scrollLeft;
  };
  useLayoutEffect(syncScroll);

  const readCursor = () => setCursor(inputRef.current?.selectionStart ?? draft.length);

  const commit = (text: string) => {
    setOpen(false);
    const p = parseQuery(text);
    if (!p.ok) { setErrorShown(true); return; } // the error shows in place; the old results stay
    remember(text);
    onCommit(text.trim());
  };

  const accept = (c: Completion) => {
    if (c.kind === 'recent') {
      setDraft(c.insert);
      setCursor(c.insert.length);
      commit(c.insert);
      return;
    }
    const prefix = ctx.kind === 'field' || ctx.kind === 'value' ? ctx.prefix : '';
    let start = cursor - prefix.length;
    if (c.kind === 'value' && draft[start - 1] === '"') start -= 1; // replace the opening quote too
    let insert = c.insert;
    if (c.kind === 'value') insert = formatFieldValue(insert, false) + (draft[cursor] === ')' ? '' : ' ');
    const next = draft.slice(0, start) + insert + draft.slice(cursor);
    const pos = start + insert.length;
    setDraft(next);
    setCursor(pos);
    requestAnimationFrame(() => { inputRef.current?.setSelectionRange(pos, pos); syncScroll(); });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && shown.length > 0) { e.preventDefault(); setActiveIx((i) => (i + 1) % shown.length); return; }
    if (e.key === 'ArrowUp' && shown.length > 0) { e.preventDefault(); setActiveIx((i) => (i <= 0 ? shown.length - 1 : i - 1)); return; }
    if ((e.key === 'Enter' || e.key === 'Tab') && activeIx >= 0 && shown[activeIx]) { e.preventDefault(); accept(shown[activeIx]!); return; }
    if (e.key === 'Enter') { e.preventDefault(); commit(draft); return; }
    if (e.key === 'Escape') {
      if (open && shown.length > 0) { e.preventDefault(); e.stopPropagation(); setOpen(false); }
      else if (draft !== query) { e.preventDefault(); e.stopPropagation(); setDraft(query); }
    }
  };

  const explanation = parsed.ok ? explainQuery(parsed.ast) : null;
  const pending = draft.trim() !== query.trim();

  return (
    <div className="search">
      <div className={`search-box${error ? ' has-error' : ''}`}>
        <span className="search-icon" aria-hidden="true">⌕</span>
        <div className="search-field">
          <HighlightLayer ref={highlight} text={draft} error={error} />
          <input
            ref={inputRef}
            type="search"
            className="search-input"
            aria-label="Search"
            aria-describedby={explainId}
            aria-invalid={error ? true : undefined}
            aria-autocomplete="list"
            aria-controls={shown.length > 0 ? listId : undefined}
            aria-expanded={shown.length > 0}
            aria-activedescendant={activeIx >= 0 ? `${listId}-${activeIx}` : undefined}
            placeholder='Search events — e.g. actor:alice action:post.* -status:SUCCESS after:-7d "token revoked"'
            spellCheck={false}
            autoComplete="off"
            value={draft}
            onChange={(e) => { setDraft(e.target.value); setCursor(e.target.selectionStart ?? e.target.value.length); setOpen(true); }}
            onSelect={readCursor}
            onScroll={syncScroll}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
        </div>
        {draft !== '' && (
          <button type="button" className="icon-button" aria-label="Clear search" onClick={() => { setDraft(''); commit(''); inputRef.current?.focus(); }}>✕</button>
        )}
      </div>
      {shown.length > 0 && (
        <ul className="completions" role="listbox" id={listId} aria-label="Suggestions">
          {shown.map((c, i) => (
            <li
              key={`${c.kind}:${c.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIx}
              className={`completion completion-${c.kind}${i === activeIx ? ' active' : ''}`}
              onMouseDown={(e) => { e.preventDefault(); accept(c); }}
            >
              <span className="completion-label">{c.label}</span>
              <span className="completion-detail">{c.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="search-explain" id={explainId} aria-live="polite" data-testid="query-explanation">
        {error ? (
          <span className="search-error" role="alert">
            {error.message} <span className="muted">(at character {error.position + 1})</span>
          </span>
        ) : (
          <>
            <span>{explanation}</span>
            {parsed.ok && parsed.warnings.map((w) => <span key={`${w.position}:${w.message}`} className="search-warning"> · {w.message}</span>)}
            {pending && <span className="muted"> — press Enter to search</span>}
          </>
        )}
      </div>
    </div>
  );
}
