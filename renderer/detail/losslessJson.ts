// Reads a raw record for display without ever passing a number through a JS double: IDs and large
// integers (2^53 and beyond) must show exactly as the source wrote them. Uses JSON.parse's
// source-text access (the reviver's third argument), which Chromium and Electron provide.
export class RawNumber {
  readonly text: string;
  constructor(text: string) { this.text = text; }
}

export type TreeValue = string | boolean | null | RawNumber | TreeValue[] | { [key: string]: TreeValue };

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** The parsed record, or null when it is not JSON (a CSV line, say). */
export function parseLossless(text: string): TreeValue | null {
  const reviver: Reviver = (_key, value, context) =>
    typeof value === 'number' ? new RawNumber(context?.source ?? String(value)) : value;
  try {
    return JSON.parse(text, reviver as (key: string, value: unknown) => unknown) as TreeValue;
  } catch {
    return null;
  }
}
