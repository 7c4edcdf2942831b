// Every syntax error: the exact message a person reads and where it points (0-based position,
// length), so the search box can underline the right characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DEPTH } from '../../../shared/query/index.ts';
import { parseErr } from './helpers.ts';

function err(q: string, message: string, position: number, length: number): void {
  assert.deepEqual(parseErr(q), { message, position, length }, JSON.stringify(q));
}

test('unclosed quotes', () => {
  err('"abc', 'Unclosed quote: add " to close the phrase that starts at column 1', 0, 4);
  err('login "token rev', 'Unclosed quote: add " to close the phrase that starts at column 7', 6, 10);
  err('actor:"bob', 'Unclosed quote: add " to close the value that starts at column 7', 6, 4);
  err('"ends with escape\\"', 'Unclosed quote: add " to close the phrase that starts at column 1', 0, 19);
  err('status:(A OR "b', 'Unclosed quote: add " to close the value that starts at column 14', 13, 2);
});

test('parentheses', () => {
  err('(a', 'Missing ) for the ( at column 1', 0, 1);
  err('a (b (c)', 'Missing ) for the ( at column 3', 2, 1);
  err('a)', 'Unexpected ) at column 2', 1, 1);
  err('(a)) b', 'Unexpected ) at column 4', 3, 1);
  err(')', 'Unexpected ) at column 1', 0, 1);
  err('()', 'Empty parentheses at column 1: put a term inside or remove them', 0, 2);
  err('a ( ) b', 'Empty parentheses at column 3: put a term inside or remove them', 2, 3);
});

test('qualifiers without a value', () => {
  err('actor:', 'actor: needs a value, e.g. actor:alice', 0, 6);
  err('x actor: bob', 'actor: needs a value, e.g. actor:alice (with no space after the colon)', 2, 6);
  err('(actor:)', 'actor: needs a value, e.g. actor:alice', 1, 6);
  err('actor:""', 'actor: needs a value, e.g. actor:alice', 0, 6);
  err('type:', 'type: needs a value, e.g. type:post.*', 0, 5);
  err('after:', 'after: needs a value, e.g. after:-7d', 0, 6);
  err('userIdentity.type:', 'userIdentity.type: needs a value, e.g. userIdentity.type:value', 0, 18);
  err('status:()', 'status: needs a value, e.g. status:FAILURE', 0, 7);
  err('status:() x', 'status: needs a value, e.g. status:FAILURE', 0, 7);
  err('actor: OR x', 'actor: needs a value, e.g. actor:alice', 0, 6);
  err('status:(A OR "")', 'status: needs a value, e.g. status:FAILURE', 0, 7);
});

test('time values', () => {
  err('after:yesterdayish', 'after: expects a date like 2024-05-01 or -7d, not "yesterdayish"', 6, 12);
  err('before:05/01/2024', 'before: expects a date like 2024-05-01 or -7d, not "05/01/2024"', 7, 10);
  err('after:2024*', 'after: expects a date like 2024-05-01 or -7d, not "2024*"', 6, 5);
  err('after:7d', 'after: expects a date like 2024-05-01 or -7d, not "7d"', 6, 2);
  err('after:2024-13', 'after: expects a date like 2024-05-01 or -7d, not "2024-13" (the month must be 01 to 12)', 6, 7);
  err('on:2023-02-29', 'on: expects a date like 2024-05-01 or -7d, not "2023-02-29" (February 2023 has 28 days)', 3, 10);
  err('on:2024-04-31', 'on: expects a date like 2024-05-01 or -7d, not "2024-04-31" (April 2024 has 30 days)', 3, 10);
  err('on:2024-05-05T24:00', 'on: expects a date like 2024-05-01 or -7d, not "2024-05-05T24:00" (the hour must be 00 to 23)', 3, 16);
  err('on:2024-05-05T10:60', 'on: expects a date like 2024-05-01 or -7d, not "2024-05-05T10:60" (the minutes must be 00 to 59)', 3, 16);
  err('on:2024-05-05T10:00:60', 'on: expects a date like 2024-05-01 or -7d, not "2024-05-05T10:00:60" (the seconds must be 00 to 59)', 3, 19);
  err('after:2024-05-05T10:00+24:00', 'after: expects a date like 2024-05-01 or -7d, not "2024-05-05T10:00+24:00" (the zone offset must be between -23:59 and +23:59)', 6, 22);
  err('after:2024-05-05Z', 'after: expects a date like 2024-05-01 or -7d, not "2024-05-05Z"', 6, 11);
  // on: takes every value after:/before: take (relative ones mean their UTC day, see time.test.ts),
  // so its errors are theirs: a value that is not a date, or one too far away.
  err('on:7d', 'on: expects a date like 2024-05-01 or -7d, not "7d"', 3, 2);
  err('on:-7days', 'on: expects a date like 2024-05-01 or -7d, not "-7days"', 3, 6);
  err('on:tomorrow', 'on: expects a date like 2024-05-01 or -7d, not "tomorrow"', 3, 8);
  err('on:-9999999y', 'on: "-9999999y" is too far from today to be a date', 3, 9);
  err('after:-9999999y', 'after: "-9999999y" is too far from today to be a date', 6, 9);
  err(`after:${'x'.repeat(100)}`, `after: expects a date like 2024-05-01 or -7d, not "${'x'.repeat(39)}…"`, 6, 100);
});

test('outcome values', () => {
  err('outcome:bad', 'outcome: must be one of success, failure, warning, in_progress, unknown', 8, 3);
  err('outcome:(success OR bad)', 'outcome: must be one of success, failure, warning, in_progress, unknown', 20, 3);
  err('outcome:x*', 'outcome: must be one of success, failure, warning, in_progress, unknown', 8, 2);
  err('outcome:"succ*"', 'outcome: must be one of success, failure, warning, in_progress, unknown', 8, 7);
});

test('operators without terms', () => {
  err('OR a', 'OR needs a term on both sides', 0, 2);
  err('a OR', 'OR needs a term on both sides', 2, 2);
  err('a OR OR b', 'OR needs a term on both sides', 2, 2);
  err('(a OR) b', 'OR needs a term on both sides', 3, 2);
  err('AND a', 'AND needs a term on both sides', 0, 3);
  err('a AND', 'AND needs a term on both sides', 2, 3);
  err('a AND OR b', 'AND needs a term on both sides', 2, 3);
  err('a AND AND b', 'AND needs a term on both sides', 2, 3);
  err('NOT', 'NOT needs a term after it', 0, 3);
  err('a NOT', 'NOT needs a term after it', 2, 3);
  err('(NOT) a', 'NOT needs a term after it', 1, 3);
  err('NOT OR a', 'NOT needs a term after it', 0, 3);
  err('-', '- must be followed right away by the term to exclude, e.g. -status:SUCCESS', 0, 1);
  err('a - b', '- must be followed right away by the term to exclude, e.g. -status:SUCCESS', 2, 1);
  err('(a -)', '- must be followed right away by the term to exclude, e.g. -status:SUCCESS', 3, 1);
  err('-OR a', '- must be followed right away by the term to exclude, e.g. -status:SUCCESS', 0, 1);
});

test('empty quotes and misplaced wildcards in free text', () => {
  err('a ""', 'Empty quotes at column 3: put some words between the quotes', 2, 2);
  err('*admin', 'In free text * works only at the end of a word, like admin*; for other patterns use a field, e.g. action:*login*', 0, 6);
  err('ad*min', 'In free text * works only at the end of a word, like admin*; for other patterns use a field, e.g. action:*login*', 0, 6);
  err('admin**', 'In free text * works only at the end of a word, like admin*; for other patterns use a field, e.g. action:*login*', 0, 7);
  err('a *', 'A lone * is not a search term: type a few letters before it, like admin*, or clear the box to see all events', 2, 1);
  err('***', 'A lone * is not a search term: type a few letters before it, like admin*, or clear the box to see all events', 0, 3);
});

test('grouped values', () => {
  const sep = 'Inside status:( … ) separate values with OR, e.g. status:(first OR second)';
  err('status:(A B)', sep, 10, 1);
  err('status:(A AND B)', sep, 10, 3);
  err('status:(A, B)', sep, 11, 1);
  err('status:((A))', sep, 8, 1);
  err('status:(NOT A)', sep, 8, 3);
  err('status:(A OR)', 'OR needs a term on both sides', 10, 2);
  err('status:(A OR', 'OR needs a term on both sides', 10, 2);
  err('status:(A', 'Missing ) for the ( at column 8', 7, 1);
  err('status:(A OR B', 'Missing ) for the ( at column 8', 7, 1);
});

test('nesting deeper than the limit is an error, not a crash', () => {
  const ok = '('.repeat(MAX_DEPTH) + 'a' + ')'.repeat(MAX_DEPTH);
  assert.doesNotThrow(() => parseErr(ok + ')'));
  err('('.repeat(MAX_DEPTH + 1) + 'a' + ')'.repeat(MAX_DEPTH + 1), `Too deeply nested at column ${MAX_DEPTH + 1}: use at most ${MAX_DEPTH} levels of parentheses and NOT`, MAX_DEPTH, 1);
  err('NOT '.repeat(MAX_DEPTH + 1) + 'a', `Too deeply nested at column ${4 * MAX_DEPTH + 1}: use at most ${MAX_DEPTH} levels of parentheses and NOT`, 4 * MAX_DEPTH, 3);
});

test('the first error in reading order wins', () => {
  err('a) (b', 'Unexpected ) at column 2', 1, 1);
  err('actor: "x', 'actor: needs a value, e.g. actor:alice (with no space after the colon)', 0, 6);
});
