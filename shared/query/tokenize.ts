// Syntax-highlighting tokens: the lexer's tokens in the public, coarse shape, contiguous over the
// whole text (valid or not), with anything the parser would reject on sight marked `error` —
// unclosed quotes, unmatched parentheses, a lone `-`, a misplaced `*`, a qualifier with no value.
import type { Token } from './ast.ts';
import { lex } from './lexer.ts';

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const open: number[] = []; // indexes in `out` of `(` not yet closed
  for (const t of lex(text).tokens) {
    let kind: Token['kind'];
    switch (t.kind) {
      case 'lparen':
        open.push(out.length);
        kind = 'paren';
        break;
      case 'rparen':
        kind = open.pop() === undefined ? 'error' : 'paren';
        break;
      case 'field':
        kind = t.emptyValue ? 'error' : 'field';
        break;
      default:
        kind = t.kind;
    }
    if (t.error) kind = 'error';
    out.push({ kind, start: t.start, end: t.end });
  }
  for (const i of open) out[i]!.kind = 'error';
  return out;
}
