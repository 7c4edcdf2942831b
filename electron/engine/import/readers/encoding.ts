// Owns text encodings: recognizing UTF-8 (± BOM) and UTF-16 LE/BE (BOM, or BOM-less by its NUL
// pattern) from the first bytes, transcoding UTF-16 to UTF-8 as a stream, and locating invalid
// UTF-8. All splitting happens on UTF-8 bytes, so for UTF-16 sources the records' byte offsets
// refer to the transcoded UTF-8 stream (the BOM excluded), not to the file's bytes. For UTF-8
// sources offsets are the decompressed stream's own bytes (a BOM counts: the first record of a
// file with a BOM starts at offset 3).

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type EncodingGuess = { encoding: Encoding; bomLength: number } | { binary: string };

const SAMPLE = 4096;

function looksLikeUtf16(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // Mostly-ASCII text in UTF-16 has a NUL in (nearly) every high byte and (nearly) none in the
  // low bytes; binary data has NULs scattered over both.
  if (oddZero >= pairs * 0.3 && evenZero <= pairs * 0.02) return 'utf-16le';
  if (evenZero >= pairs * 0.3 && oddZero <= pairs * 0.02) return 'utf-16be';
  return null;
}

function binaryKind(head: Buffer): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'looks like a zip archive (zips are expanded only from files on disk or one level inside another zip)';
  if (starts(0x1f, 0x8b)) return 'looks like gzip-compressed data (compressed twice?)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'looks like a PDF document';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'looks like an image';
  if (starts(0x28, 0xb5, 0x2f, 0xfd) || starts(0x42, 0x5a, 0x68) || starts(0xfd, 0x37, 0x7a, 0x58, 0x5a)) return 'looks like compressed data (zstd/bzip2/xz are not supported)';
  if (starts(0x50, 0x41, 0x52, 0x31)) return 'looks like a Parquet file (not supported)';
  return null;
}

/** Decides the encoding from the first bytes of the (decompressed) stream. */
export function detectEncoding(head: Buffer): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const magic = binaryKind(head);
  if (magic) return { binary: magic };
  const sample = head.subarray(0, SAMPLE);
  if (sample.indexOf(0) !== -1) {
    const u16 = looksLikeUtf16(sample);
    if (u16) return { encoding: u16, bomLength: 0 };
    if (textWithStrayNuls(sample)) return { encoding: 'utf-8', bomLength: 0 };
    return { binary: 'looks like binary data' };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Text that merely contains a few NUL bytes (a corrupted record) or ends in a run of them (a log
 * zero-filled past its last write, as after a crash) is still text: refusing the whole file would
 * lose every good record for one bad byte. The record holding the NULs becomes a reject instead.
 * Binary data has NULs and other control bytes spread throughout.
 */
function textWithStrayNuls(sample: Buffer): boolean {
  let text = 0;
  let shortRuns = 0;
  let control = 0;
  for (let i = 0; i < sample.length;) {
    const b = sample[i]!;
    if (b === 0) {
      let j = i + 1;
      while (j < sample.length && sample[j] === 0) j++;
      if (j - i < 8) shortRuns++;
      i = j;
      continue;
    }
    text++;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
    i++;
  }
  // A zero-filled gap is one long run; binary data has many short runs and other control bytes.
  return text >= 16 && shortRuns * 16 <= text && control * 100 <= text;
}

/** Turns raw chunks into UTF-8 chunks. UTF-8 passes through untouched (its BOM is skipped by the reader). */
export interface Decoder {
  decode(raw: Buffer): Buffer;
  end(): Buffer;
}

export function createDecoder(encoding: Encoding): Decoder {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return { decode: (b) => b, end: () => Buffer.alloc(0) };
  // TextDecoder strips the BOM and keeps split surrogate pairs / odd bytes across chunks; invalid
  // UTF-16 (a lone surrogate) becomes U+FFFD, which is the best a reader can show.
  const td = new TextDecoder(encoding, { fatal: false });
  return {
    decode: (b) => Buffer.from(td.decode(b, { stream: true }), 'utf8'),
    end: () => Buffer.from(td.decode(), 'utf8'),
  };
}

/** Index of the first byte that is not part of a valid UTF-8 sequence (buf.length if none). */
export function firstInvalidUtf8(buf: Buffer): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { len = 2; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { len = 3; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = buf[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return n;
}

/** Drops a trailing incomplete UTF-8 sequence (after cutting a buffer at an arbitrary byte). */
export function trimToCharBoundary(buf: Buffer): Buffer {
  let end = buf.length;
  let k = end - 1;
  let back = 0;
  while (k >= 0 && back < 3 && (buf[k]! & 0xc0) === 0x80) { k--; back++; }
  if (k < 0) return buf;
  const lead = buf[k]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (need > 1 && end - k < need) end = k;
  return buf.subarray(0, end);
}
