// Interfaces between the import stages: containers → readers → (parse workers) → mappers → writer.
// Node-only; never imports electron.
import type { Readable } from 'node:stream';
import type { MappedEvent } from '../../../shared/model.ts';

/**
 * One source to import: a plain file, a .gz file, or a member of a .zip. Containers (folders, zips)
 * are expanded into these; members that are not activity archives carry a `skipReason` instead.
 */
export interface SourceEntry {
  /** Display path: the file path, or `archive.zip!member/path.json` for zip members. */
  path: string;
  /** Size in bytes as stored (compressed size for .gz; uncompressed size for zip members), if known. */
  size: number | null;
  /** Compression applied before the bytes reach the reader. */
  container: 'file' | 'gzip' | 'zip-member';
  /** Opens the decompressed byte stream (bounded against bombs). Each call starts from the beginning. */
  open(): Promise<Readable>;
  /** When set, the entry is listed but not imported (e.g. a README inside a folder), with this reason. */
  skipReason?: string;
  /** The parent container's path (the zip file), if any. */
  parentPath?: string;
}

/** The shape of a byte stream, found by looking at its first bytes (never by extension). */
export type ContentKind =
  | 'jsonl' // one JSON value per line
  | 'json' // a single JSON document (array, wrapper object, or one object), possibly pretty-printed
  | 'csv'
  | 'unknown';

/**
 * One record as split out of a source, before mapping. `text` is the record verbatim.
 * JSON readers leave `value` undefined (parsing happens in parse workers); the CSV reader sets
 * `value` to the row object (header → cell text). A record that could not be split or decoded
 * carries `error` (a readable reason) and becomes a reject.
 */
export interface RawRecord {
  recordNo: number;
  line: number;
  byteOffset: number;
  text: string;
  value?: Record<string, string>;
  error?: string;
}

/** Thrown by a mapper for a record it cannot map; the message is shown to the user as the reason. */
export class MapError extends Error {
  override name = 'MapError';
}

/** What a mapper knows about the record it is mapping (set by the import, not the record). */
export interface MapContext {
  /** The wrapper key the record came from, e.g. `Records` or `items`, when the reader unwrapped it. */
  wrapperKey?: string | null;
}

/** A format: detection by structure and mapping to the normalized model. */
export interface FormatMapper {
  /** Stable machine name, shown in `info` and accepted by `--format`: e.g. `aws-cloudtrail`. */
  name: string;
  /** Human label: e.g. `AWS CloudTrail`. */
  label: string;
  /**
   * Confidence 0..1 that this parsed record belongs to the format. Looks at keys and value shapes only.
   * The generic mapper returns a small constant so any specific format wins.
   */
  detect(record: Record<string, unknown>, ctx: MapContext): number;
  /** Maps one parsed record (JSON object or CSV row object) to one or more events. Throws MapError. */
  map(record: Record<string, unknown>, ctx: MapContext): MappedEvent[];
}
