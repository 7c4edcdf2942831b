// Owns the recognition of containers by their first bytes (never by file extension).

export function isGzipMagic(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The end-of-central-directory record that alone makes up an empty zip (`PK\x05\x06`). */
export function isEmptyZipMagic(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x05 && head[3] === 0x06;
}

/** A local file header (`PK\x03\x04`), as at the start of every non-empty zip. */
export function isZipMagic(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
