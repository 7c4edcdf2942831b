// Seeded randomness for the benchmark generator: one xoshiro128** stream per run plus the helpers the
// format builders need (weighted picks, Zipf ranks, UUIDs, ids). Nothing here reads the clock,
// Math.random or crypto, so the same seed always produces byte-identical files.

/** splitmix32 step: spreads a small seed over the whole 128-bit xoshiro state. */
function splitmix32(state: number): [next: number, out: number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [s, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A bijective 32-bit mix (the murmur3 finalizer). Because it is a bijection, feeding it distinct
 * counters gives distinct outputs: that is how event ids stay unique without remembering them.
 */
export function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ALNUM_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function hex32(x: number): string {
  return HEX[(x >>> 24) & 255]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed | 0;
    let out: number;
    [s, out] = splitmix32(s); this.a = out;
    [s, out] = splitmix32(s); this.b = out;
    [s, out] = splitmix32(s); this.c = out;
    [s, out] = splitmix32(s); this.d = out;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /** Next 32 random bits as an unsigned integer (xoshiro128**). */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Random UUID (version 4 layout) built from this stream. */
  uuid(): string {
    return uuidFrom(this.u32(), this.u32(), this.u32(), this.u32());
  }

  /** `n` characters of lowercase+uppercase+digits (session ids, Okta-style ids). */
  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[this.u32() % 62];
    return s;
  }

  /** `n` characters of the AWS key alphabet (A-Z, 2-7), as in AKIA…/ASIA… access key ids. */
  awsKeyChars(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM_UPPER[this.u32() & 31];
    return s;
  }

  hex(nBytes: number): string {
    let s = '';
    for (let i = 0; i < nBytes; i++) s += HEX[this.u32() & 255];
    return s;
  }

  /** Fisher–Yates in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** UUID text from four 32-bit words, with the version/variant bits of a v4 UUID. */
export function uuidFrom(w0: number, w1: number, w2: number, w3: number): string {
  const h1 = hex32(w1);
  const h2 = hex32(((w2 & 0x3fffffff) | 0x80000000) >>> 0);
  return `${hex32(w0)}-${h1.slice(0, 4)}-4${h1.slice(5, 8)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex32(w3)}`;
}

/**
 * A UUID that is unique per (counter, salt) for counters below 2^32: the first word is a bijective
 * mix of the counter, the rest comes from the stream (so different seeds differ everywhere).
 */
export function uniqueUuid(rng: Rng, counter: number, salt: number): string {
  return uuidFrom(mix32((counter ^ salt) >>> 0), rng.u32(), rng.u32(), rng.u32());
}

/** Weighted choice with a precomputed cumulative table (built once per list, used per event). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cdf: Float64Array;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map((e) => e[0]);
    this.cdf = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((e, i) => { sum += e[1]; this.cdf[i] = sum; });
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i] = this.cdf[i]! / sum;
  }

  sample(rng: Rng): T {
    return this.items[searchCdf(this.cdf, rng.float())]!;
  }
}

/** Zipf-distributed rank in [0, n): rank 0 is the most frequent, with weight 1/(rank+1)^s. */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) { sum += 1 / Math.pow(i + 1, s); this.cdf[i] = sum; }
    for (let i = 0; i < n; i++) this.cdf[i] = this.cdf[i]! / sum;
  }

  sample(rng: Rng): number {
    return searchCdf(this.cdf, rng.float());
  }
}

function searchCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
