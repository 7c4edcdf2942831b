// Owns parsing a record's JSON text without losing precision: numbers that a JS number cannot hold
// exactly (integers beyond 2^53, anything with more than 15 significant digits — IDs, 7-digit
// fractions) are kept as their source text. The common case stays a plain JSON.parse: the
// reviver (which uses Node 24's `context.source`) runs only when a 16-digit run appears at all.

const LONG_DIGITS = /\d{16}/;

function significantDigits(source: string): number {
  let mantissa = source;
  const e = mantissa.search(/[eE]/);
  if (e !== -1) mantissa = mantissa.slice(0, e);
  const digits = mantissa.replace(/[^0-9]/g, '').replace(/^0+/, '');
  return digits.length;
}

function keepPrecision(this: unknown, _key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && context?.source !== undefined && significantDigits(context.source) > 15) {
    return context.source;
  }
  return value;
}

export function parseRecordJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(text, keepPrecision as (this: unknown, key: string, value: unknown) => unknown);
}
