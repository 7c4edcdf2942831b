// The query in words, shown under the search box so a person can check that the app understood
// them ("Events whose action matches post.* and whose status is not SUCCESS, containing the phrase
// “token revoked”, from 5 May 2024 (UTC)"). Top-level conditions are grouped by kind (fields, text,
// time) because that reads naturally; nested OR/NOT structure is kept literally with parentheses.
import type { FieldNode, QueryNode, TextNode, TimeNode } from './ast.ts';
import { FIELD_LABELS } from './qualifiers.ts';
import { formatUtc, readTimeValue, type RelativeUnit } from './time.ts';

const UNIT_WORDS: Record<RelativeUnit, string> = { m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

function shownValue(v: string): string {
  return v === '' || /\s/.test(v) ? `“${v}”` : v;
}

function label(n: FieldNode): string {
  return n.field ? FIELD_LABELS[n.field] : `raw field ${n.path}`;
}

/** "whose status is A", "whose action is not A or B" … for one field's values (one node or a same-field OR). */
function fieldPhrase(nodes: readonly FieldNode[], negated: boolean): string {
  const first = nodes[0]!;
  if (nodes.length === 1 && first.match === 'wildcard' && first.value === '*') {
    return `${negated ? 'without' : 'with'} any ${label(first)}`;
  }
  const allExact = nodes.every((n) => n.match === 'exact');
  const values = nodes.map((n) => shownValue(n.value));
  if (allExact) {
    if (values.length === 1) return `whose ${label(first)} is ${negated ? 'not ' : ''}${values[0]}`;
    if (values.length === 2) return `whose ${label(first)} is ${negated ? `neither ${values[0]} nor` : `${values[0]} or`} ${values[1]}`;
    return `whose ${label(first)} is ${negated ? 'none' : 'one'} of ${values.join(', ')}`;
  }
  const each = nodes.map((n) => {
    const verb = n.match === 'exact' ? (negated ? 'is not' : 'is') : negated ? 'does not match' : 'matches';
    return `${verb} ${shownValue(n.value)}`;
  });
  return `whose ${label(first)} ${each.join(negated ? ' and ' : ' or ')}`;
}

function textNoun(n: TextNode): string {
  const kind = n.phrase && /\s/.test(n.value) ? 'phrase' : 'word';
  return n.prefix ? `a ${kind} starting with “${n.value}”` : `the ${kind} “${n.value}”`;
}

/** The time condition in words; `utc` says whether a "(UTC)" belongs after it. */
function timePhrase(n: TimeNode): { text: string; utc: boolean } {
  const read = readTimeValue(n.value);
  if (!read.ok) return { text: `${n.op} ${n.value}`, utc: false };
  const s = read.spec;
  if (s.kind === 'relative') {
    const span = `${s.amount} ${UNIT_WORDS[s.unit]}${s.amount === 1 ? '' : 's'}`;
    const last = s.amount === 1 ? UNIT_WORDS[s.unit] : span; // "in the last hour", not "last 1 hour"
    // on: takes the whole UTC day the instant falls on (time.ts resolveTime).
    if (n.op === 'on') return { text: `on the day ${span} ago`, utc: true };
    return { text: n.op === 'before' ? `more than ${span} ago` : `in the last ${last}`, utc: false };
  }
  if (s.kind === 'keyword') {
    if (s.word === 'now' && n.op === 'on') return { text: 'today', utc: true };
    if (s.word === 'now') return { text: n.op === 'before' ? 'before now' : 'from now on', utc: false };
    return { text: n.op === 'after' ? `from ${s.word}` : n.op === 'before' ? `before ${s.word}` : s.word, utc: true };
  }
  const when = formatUtc(s.startMs, s.granularity);
  if (n.op === 'after') return { text: `from ${when}`, utc: true };
  if (n.op === 'before') return { text: `before ${when}`, utc: true };
  const prep = s.granularity === 'year' || s.granularity === 'month' ? 'in' : s.granularity === 'day' ? 'on' : 'at';
  return { text: `${prep} ${when}`, utc: true };
}

/** A same-field OR (`status:(A OR B)`), which reads as one field phrase. */
function fieldGroup(n: QueryNode): FieldNode[] | null {
  if (n.kind === 'field') return [n];
  if (n.kind !== 'or') return null;
  const first = n.children[0];
  if (first?.kind !== 'field') return null;
  const key = first.field ?? `.${first.path}`;
  const out: FieldNode[] = [];
  for (const c of n.children) {
    if (c.kind !== 'field' || (c.field ?? `.${c.path}`) !== key) return null;
    out.push(c);
  }
  return out;
}

/** Any node as a predicate phrase ("whose …", "containing …", "from …"). */
function describe(n: QueryNode): string {
  const group = fieldGroup(n);
  if (group) return fieldPhrase(group, false);
  switch (n.kind) {
    case 'all':
      return 'any event';
    case 'text':
      return `containing ${textNoun(n)}`;
    case 'time': {
      const t = timePhrase(n);
      return t.utc ? `${t.text} (UTC)` : t.text;
    }
    case 'not': {
      const g = fieldGroup(n.child);
      if (g) return fieldPhrase(g, true);
      if (n.child.kind === 'text') return `not containing ${textNoun(n.child)}`;
      const texts = n.child.kind === 'or' && n.child.children.every((c) => c.kind === 'text') ? (n.child.children as TextNode[]) : null;
      if (texts?.length === 2) return `containing neither ${textNoun(texts[0]!)} nor ${textNoun(texts[1]!)}`;
      return `not ${wrap(n.child)}`;
    }
    case 'and':
      return conjunction(n.children, false);
    case 'or':
      return `either ${n.children.map(wrap).join(' or ')}`;
    default:
      return '';
  }
}

/** Parentheses around compound parts so "A and (B or C)" cannot be misread. */
function wrap(n: QueryNode): string {
  return (n.kind === 'and' || n.kind === 'or') && !fieldGroup(n) ? `(${describe(n)})` : describe(n);
}

/**
 * An AND chain, grouped by kind: "whose … and whose …, containing … and …, not containing …,
 * from … (UTC)", then anything compound. At the top level compound parts need no parentheses.
 */
function conjunction(children: readonly QueryNode[], top: boolean): string {
  const fields: string[] = [];
  const texts: string[] = [];
  const notTexts: string[] = [];
  const times: string[] = [];
  const others: string[] = [];
  let utc = false;
  for (const n of children) {
    const group = fieldGroup(n);
    const negGroup = n.kind === 'not' ? fieldGroup(n.child) : null;
    if (group) fields.push(fieldPhrase(group, false));
    else if (negGroup) fields.push(fieldPhrase(negGroup, true));
    else if (n.kind === 'text') texts.push(textNoun(n));
    else if (n.kind === 'not' && n.child.kind === 'text') notTexts.push(textNoun(n.child));
    else if (n.kind === 'time') {
      const t = timePhrase(n);
      times.push(t.text);
      utc ||= t.utc;
    } else if (n.kind !== 'all') others.push(top && children.length === 1 ? describe(n) : wrap(n));
  }
  const parts: string[] = [];
  if (fields.length > 0) parts.push(fields.join(' and '));
  if (texts.length > 0) parts.push(`containing ${texts.join(' and ')}`);
  if (notTexts.length > 0) parts.push(`not containing ${notTexts.join(' or ')}`);
  if (times.length > 0) parts.push(`${times.join(' and ')}${utc ? ' (UTC)' : ''}`);
  parts.push(...others);
  return parts.join(', ');
}

export function explainQuery(ast: QueryNode): string {
  const body = ast.kind === 'all' ? '' : conjunction(ast.kind === 'and' ? ast.children : [ast], true);
  return body === '' ? 'All events' : `Events ${body}`;
}
