// Owns building the hostile containers without holding their decompressed size in memory: deflate
// streams made of one compressed unit repeated (each unit a byte-aligned, history-free segment, so
// the copies can simply be concatenated), gzip files of concatenated members, and zip files written
// from already-compressed bodies — including the "overlapping files" bomb, where many
// central-directory entries point at the same compressed data, and member names no unzip tool
// should ever be allowed to write (`../`, absolute). Nothing here writes outside the given paths.
import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';

export interface Deflated {
  body: Buffer;
  crc: number;
  size: number;
}

/** One self-contained, non-final deflate segment: it references no earlier output. */
function segment(data: Buffer): Buffer {
  return deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
}

/** `prefix + unit × times + suffix` as one raw deflate stream, built from `unit` compressed once. */
export function deflateRepeated(prefix: Buffer, unit: Buffer, times: number, suffix: Buffer): Deflated {
  const u = segment(unit);
  let crc = crc32(prefix);
  for (let i = 0; i < times; i++) crc = crc32(unit, crc);
  crc = crc32(suffix, crc);
  const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
  return {
    body: Buffer.concat([segment(prefix), ...new Array<Buffer>(times).fill(u), segment(suffix), FINAL_EMPTY_BLOCK]),
    crc: crc >>> 0,
    size: prefix.length + unit.length * times + suffix.length,
  };
}

/** A gzip file whose content is `unit` repeated `times` times (one gzip member per copy). */
export function gzipRepeated(unit: Buffer, times: number, head: Buffer = Buffer.alloc(0)): Buffer {
  const member = gzipSync(unit, { level: 9 });
  return Buffer.concat([...(head.length ? [gzipSync(head)] : []), ...new Array<Buffer>(times).fill(member)]);
}

export interface RawMember {
  name: string | Buffer;
  /** Deflated (method 8) or stored (method 0) bytes. */
  body: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
}

export function deflatedMember(name: string | Buffer, data: Buffer | string): RawMember {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { name, body: deflateRawSync(bytes), method: 8, crc: crc32(bytes) >>> 0, size: bytes.length };
}

export function storedMember(name: string | Buffer, data: Buffer): RawMember {
  return { name, body: data, method: 0, crc: crc32(data) >>> 0, size: data.length };
}

function localHeader(m: RawMember, name: Buffer): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // UTF-8 names
  h.writeUInt16LE(m.method, 8);
  h.writeUInt16LE(0x21, 12); // 1980-01-01
  h.writeUInt32LE(m.crc, 14);
  h.writeUInt32LE(m.body.length, 18);
  h.writeUInt32LE(m.size, 22);
  h.writeUInt16LE(name.length, 26);
  return h;
}

function centralHeader(m: RawMember, name: Buffer, offset: number): Buffer {
  const c = Buffer.alloc(46);
  c.writeUInt32LE(0x02014b50, 0);
  c.writeUInt16LE(20, 4);
  c.writeUInt16LE(20, 6);
  c.writeUInt16LE(0x0800, 8);
  c.writeUInt16LE(m.method, 10);
  c.writeUInt16LE(0x21, 14);
  c.writeUInt32LE(m.crc, 16);
  c.writeUInt32LE(m.body.length, 20);
  c.writeUInt32LE(m.size, 24);
  c.writeUInt16LE(name.length, 28);
  c.writeUInt32LE(offset, 42);
  return c;
}

function endOfCentralDirectory(entries: number, cdSize: number, cdOffset: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(entries, 8);
  e.writeUInt16LE(entries, 10);
  e.writeUInt32LE(cdSize, 12);
  e.writeUInt32LE(cdOffset, 16);
  return e;
}

const nameBytes = (n: string | Buffer) => (typeof n === 'string' ? Buffer.from(n, 'utf8') : n);

/** A zip of the given members, each with its own local header and data. */
export function zipOf(members: RawMember[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = nameBytes(m.name);
    const local = localHeader(m, name);
    parts.push(local, name, m.body);
    central.push(centralHeader(m, name, offset), name);
    offset += local.length + name.length + m.body.length;
  }
  const cd = Buffer.concat(central);
  return Buffer.concat([...parts, cd, endOfCentralDirectory(members.length, cd.length, offset)]);
}

/** The overlapping-files bomb: `count` central entries, all pointing at one member's data. */
export function overlappingZip(m: RawMember, count: number): Buffer {
  const first = nameBytes(m.name);
  const local = localHeader(m, first);
  const central: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`overlap-${String(i).padStart(5, '0')}.json`);
    central.push(centralHeader(m, name, 0), name);
  }
  const cd = Buffer.concat(central);
  const dataEnd = local.length + first.length + m.body.length;
  return Buffer.concat([local, first, m.body, cd, endOfCentralDirectory(count, cd.length, dataEnd)]);
}
