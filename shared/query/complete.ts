// Autocomplete context: what the word under the cursor is — the start of a qualifier name, or the
// start of a value for a given field — judged by lexing only the text before the cursor, which is
// exactly what the person has typed so far for the token they are in.
import type { CompletionContext } from './ast.ts';
import { lex } from './lexer.ts';
import { isFieldNamePrefix, lookupQualifier } from './qualifiers.ts';

/** Canonical name for completion lookups: aliases resolved, raw paths as typed. */
function fieldKey(name: string): string {
  return lookupQualifier(name)?.name ?? name;
}

export function completionContext(text: string, cursor: number): CompletionContext {
  const pos = Math.max(0, Math.min(cursor, text.length));
  const { tokens, openGroupField } = lex(text.slice(0, pos));
  const last = tokens[tokens.length - 1];
  // Nothing typed yet for this term: at the start, after a blank, `(` or `-`.
  if (!last || last.kind === 'space' || last.kind === 'negation' || (last.kind === 'lparen' && !last.group)) {
    return openGroupField !== null ? { kind: 'value', field: fieldKey(openGroupField), prefix: '' } : { kind: 'field', prefix: '' };
  }
  switch (last.kind) {
    case 'word':
      return !last.prefix && isFieldNamePrefix(last.text) ? { kind: 'field', prefix: last.text } : { kind: 'none' };
    case 'field':
      // `actor:` with the cursor right after the colon.
      return { kind: 'value', field: fieldKey(last.text), prefix: '' };
    case 'lparen':
      return { kind: 'value', field: fieldKey(last.field ?? ''), prefix: '' };
    case 'value':
      // A closed quote means the value is finished; an open one is still being typed.
      if (last.quoted && !last.error) return { kind: 'none' };
      return { kind: 'value', field: fieldKey(last.field ?? ''), prefix: last.text };
    default:
      return { kind: 'none' };
  }
}
