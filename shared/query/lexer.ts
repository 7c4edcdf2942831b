// The one scanner of query text, shared by the parser, the highlighter and completion so they can
// never disagree about where a word, qualifier or quote ends. It never fails: problems become
// tokens carrying an `error` message, which the parser reports and the highlighter paints.
// Linear in the text length (no backtracking regexes), so a 100k-character paste is harmless.
import { fieldNameLengthAt } from './qualifiers.ts';

export type LexKind = 'space' | 'word' | 'phrase' | 'field' | 'value' | 'operator' | 'lparen' | 'rparen' | 'negation';

export interface LexToken {
  kind: LexKind;
  start: number;
  end: number;
  /** Decoded content: word without its trailing `*`, phrase/value without quotes and escapes, field name without `:`, operator word. */
  text: string;
  /** A word or phrase followed by `*`. */
  prefix?: boolean;
  /** A value written in quotes (always an exact match). */
  quoted?: boolean;
  /** A bare value containing `*` or `?`. */
  wildcard?: boolean;
  /** For values, group parens and operators inside `name:( … )`: the field name as typed. */
  field?: string;
  /** True for the parens and operators of a value group `name:( … )`. */
  group?: boolean;
  /** A field with nothing after its colon. */
  emptyValue?: boolean;
  /** Why this token is invalid on its own (unclosed quote, lone `-`, misplaced `*`). */
  error?: string;
}

export interface LexResult {
  tokens: LexToken[];
  /** The field whose value group `name:( …` is still open at the end of the text, if any. */
  openGroupField: string | null;
}

export const OPERATORS = new Set(['AND', 'OR', 'NOT']);

export const LONE_DASH = '- must be followed right away by the term to exclude, e.g. -status:SUCCESS';

/** Whitespace and control characters separate terms (controls are treated as blanks, never as content). */
export function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c <= 0x20 || c === 0x7f || (c > 0x7f && /\s/.test(ch));
}

/** 1-based column for messages: people count from 1, positions count from 0. */
export function column(pos: number): number {
  return pos + 1;
}

export function lex(text: string): LexResult {
  const tokens: LexToken[] = [];
  const n = text.length;
  let i = 0;
  let group: string | null = null; // field name while inside `name:( … )`

  const push = (t: LexToken): void => {
    tokens.push(t);
    i = t.end;
  };

  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      let j = i + 1;
      while (j < n && isSpace(text[j]!)) j++;
      push({ kind: 'space', start: i, end: j, text: text.slice(i, j) });
    } else if (group !== null) {
      if (c === ')') {
        push({ kind: 'rparen', start: i, end: i + 1, text: c, group: true, field: group });
        group = null;
      } else if (c === '(') {
        push({ kind: 'lparen', start: i, end: i + 1, text: c, group: true, field: group });
      } else if (c === '"') {
        push({ ...quoted(text, i, 'value'), field: group });
      } else {
        const end = scanBare(text, i);
        const word = text.slice(i, end);
        if (OPERATORS.has(word)) push({ kind: 'operator', start: i, end, text: word, group: true, field: group });
        else push({ kind: 'value', start: i, end, text: word, wildcard: /[*?]/.test(word), field: group });
      }
    } else if (c === '(' || c === ')') {
      push({ kind: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1, text: c });
    } else if (c === '"') {
      const t = quoted(text, i, 'phrase');
      if (!t.error && text[t.end] === '*') {
        t.end++;
        t.prefix = true;
      }
      if (!t.error && t.text === '') t.error = `Empty quotes at column ${column(i)}: put some words between the quotes`;
      push(t);
    } else if (c === '-') {
      const next = text[i + 1];
      const lone = next === undefined || isSpace(next) || next === ')';
      push({ kind: 'negation', start: i, end: i + 1, text: c, ...(lone ? { error: LONE_DASH } : {}) });
    } else {
      const nameLen = fieldNameLengthAt(text, i);
      // `https://…` pasted as free text is a URL, not the raw field "https".
      if (nameLen > 0 && !text.startsWith('//', i + nameLen)) {
        group = lexField(text, i, nameLen, push);
      } else {
        const end = scanWord(text, i);
        const w = text.slice(i, end);
        if (OPERATORS.has(w)) push({ kind: 'operator', start: i, end, text: w });
        else push(wordToken(w, i, end));
      }
    }
  }
  return { tokens, openGroupField: group };
}

/** Emits `name:` and its value; returns the field name when a value group `(` was opened. */
function lexField(text: string, i: number, nameLen: number, push: (t: LexToken) => void): string | null {
  const name = text.slice(i, i + nameLen - 1);
  const j = i + nameLen;
  const c = text[j];
  if (c === undefined || isSpace(c) || c === ')') {
    push({ kind: 'field', start: i, end: j, text: name, emptyValue: true });
    return null;
  }
  push({ kind: 'field', start: i, end: j, text: name });
  if (c === '(') {
    push({ kind: 'lparen', start: j, end: j + 1, text: c, group: true, field: name });
    return name;
  }
  if (c === '"') {
    push({ ...quoted(text, j, 'value'), field: name });
    return null;
  }
  const end = scanBare(text, j);
  const v = text.slice(j, end);
  push({ kind: 'value', start: j, end, text: v, wildcard: /[*?]/.test(v), field: name });
  return null;
}

/** A bare value runs to whitespace or `)` (so `action:post.*)` closes a group); quotes and colons are content. */
function scanBare(text: string, i: number): number {
  let j = i;
  while (j < text.length && text[j] !== ')' && !isSpace(text[j]!)) j++;
  return j;
}

/** A free word also stops at `(` and `"`, so `foo"bar baz"` is a word and a phrase. */
function scanWord(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === '(' || ch === ')' || ch === '"' || isSpace(ch)) break;
    j++;
  }
  return j;
}

function wordToken(w: string, start: number, end: number): LexToken {
  const prefix = w.endsWith('*');
  const body = prefix ? w.slice(0, -1) : w;
  const t: LexToken = { kind: 'word', start, end, text: body, ...(prefix ? { prefix } : {}) };
  // FTS5 only has prefix search: a star anywhere but the end cannot be honoured, so say so.
  if (body === '' || /^\*+$/.test(body)) {
    t.error = 'A lone * is not a search term: type a few letters before it, like admin*, or clear the box to see all events';
  } else if (body.includes('*')) {
    t.error = 'In free text * works only at the end of a word, like admin*; for other patterns use a field, e.g. action:*login*';
  }
  return t;
}

/** A `"…"` string from `i`; `\"` and `\\` are escapes, any other backslash is literal (`NT AUTHORITY\SYSTEM`). */
function quoted(text: string, i: number, kind: 'phrase' | 'value'): LexToken {
  const parts: string[] = [];
  let j = i + 1;
  let from = j;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) {
      parts.push(text.slice(from, j), text[j + 1]!);
      j += 2;
      from = j;
    } else if (ch === '"') {
      parts.push(text.slice(from, j));
      return { kind, start: i, end: j + 1, text: parts.join(''), quoted: true };
    } else {
      j++;
    }
  }
  parts.push(text.slice(from));
  const what = kind === 'phrase' ? 'phrase' : 'value';
  return {
    kind, start: i, end: text.length, text: parts.join(''), quoted: true,
    error: `Unclosed quote: add " to close the ${what} that starts at column ${column(i)}`,
  };
}
