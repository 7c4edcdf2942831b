// Owns the decompression limits of the containers (zip and gzip bombs) and their defaults, so the
// expansion code and the tests agree on one set of numbers.

export interface ExpandOptions {
  /** Fail a decompressed stream once it produces more than this many bytes. Default 64 GiB. */
  maxUncompressedBytes?: number;
  /** Fail a decompressed stream whose output/input ratio exceeds this (after `ratioGraceBytes`). Default 200. */
  maxRatio?: number;
  /**
   * Output produced before the ratio is checked. Default 64 MiB: small, very repetitive files
   * (a few MB of near-identical JSON) legitimately compress beyond any sane ratio.
   */
  ratioGraceBytes?: number;
  /** A zip inside a zip is buffered in memory to be expanded only up to this size. Default 256 MiB. */
  maxNestedZipBytes?: number;
}

export interface Limits {
  maxUncompressedBytes: number;
  maxRatio: number;
  ratioGraceBytes: number;
  maxNestedZipBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export function resolveLimits(opts: ExpandOptions = {}): Limits {
  return {
    maxUncompressedBytes: opts.maxUncompressedBytes ?? 64 * GiB,
    maxRatio: opts.maxRatio ?? 200,
    ratioGraceBytes: opts.ratioGraceBytes ?? 64 * MiB,
    maxNestedZipBytes: opts.maxNestedZipBytes ?? 256 * MiB,
  };
}

/** `67108864` → `64 MiB`; used in reasons shown to the user. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1 && v % 1024 === 0) { v /= 1024; u++; }
  if (u === 0 && n >= 1024) {
    // Not a round number of KiB: show one decimal in the largest fitting unit.
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return `${v.toFixed(1)} ${units[u]}`;
  }
  return `${v} ${units[u]}`;
}
