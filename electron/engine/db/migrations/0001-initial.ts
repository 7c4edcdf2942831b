// Migration 1: the case schema — sources, term dictionary, events (time-keyed ids), raw records,
// rejects, and the contentless FTS5 index. See docs/ARCHITECTURE.md "The case database".
import type { Migration } from './index.ts';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    -- One row per input file, per .gz file and per member of a .zip (and one row for the zip itself).
    CREATE TABLE sources (
      id             INTEGER PRIMARY KEY,
      parent_id      INTEGER REFERENCES sources(id),
      import_id      TEXT NOT NULL,            -- the import run that created it
      path           TEXT NOT NULL,            -- display path; zip members are archive.zip!member
      container      TEXT NOT NULL,            -- file | gzip | zip | zip-member
      size           INTEGER,
      sha256         TEXT,                     -- SHA-256 of the bytes read (decompressed)
      file_sha256    TEXT,                     -- SHA-256 of the file as stored (plain, .gz, .zip)
      kind           TEXT,                     -- jsonl | json | csv
      encoding       TEXT,
      wrapper_key    TEXT,
      format         TEXT,                     -- mapper name, e.g. aws-cloudtrail
      parser_version TEXT NOT NULL,
      records        INTEGER NOT NULL DEFAULT 0,
      imported       INTEGER NOT NULL DEFAULT 0,
      duplicates     INTEGER NOT NULL DEFAULT 0,
      rejected       INTEGER NOT NULL DEFAULT 0,
      events         INTEGER NOT NULL DEFAULT 0,
      status         TEXT NOT NULL,            -- importing | complete | skipped | failed | cancelled
      message        TEXT,                     -- why skipped/failed, or a note
      pid            INTEGER,                  -- importing process (to recognize a killed import)
      started_at     TEXT NOT NULL,
      finished_at    TEXT
    );
    CREATE INDEX sources_file_sha ON sources(file_sha256);
    CREATE INDEX sources_size ON sources(size);           -- re-import check before hashing (sourceStore.ts)

    -- Dictionary of the facetable values. Events point at terms by id, which keeps the event rows
    -- narrow and makes facets integer GROUP BYs. n = events in complete sources (whole-case facets).
    CREATE TABLE terms (
      id    INTEGER PRIMARY KEY,
      field TEXT NOT NULL,                     -- system, action, category, status, actor, ...
      value TEXT NOT NULL,                     -- canonical value (e.g. actor id)
      label TEXT,                              -- display label (e.g. actor name) when it differs
      n     INTEGER NOT NULL DEFAULT 0,
      UNIQUE (field, value)
    );

    -- id is time-keyed: (unix seconds << 20) + sequence, so rowid order is time order and
    -- "newest first" (also over FTS hits) needs no sort. It exceeds 2^53: never read it as a JS number.
    CREATE TABLE events (
      id              INTEGER PRIMARY KEY,
      ts              INTEGER,                 -- UTC epoch ms; NULL when missing/invalid
      ts_nanos        INTEGER,                 -- sub-ms nanoseconds the source carried
      ts_text         TEXT,                    -- the original time text
      ts_flag         INTEGER NOT NULL,        -- 0 ok, 1 no zone (taken as UTC), 2 missing, 3 invalid
      source_id       INTEGER NOT NULL REFERENCES sources(id),
      record_no       INTEGER NOT NULL,
      event_index     INTEGER NOT NULL,        -- position among the events of one record
      line            INTEGER NOT NULL,
      byte_offset     INTEGER NOT NULL,
      system_t        INTEGER,
      action_t        INTEGER,
      category_t      INTEGER,
      status_t        INTEGER,
      outcome         INTEGER NOT NULL,        -- 0 unknown, 1 success, 2 failure, 3 warning, 4 in_progress
      actor_t         INTEGER,
      actor_type_t    INTEGER,
      target_t        INTEGER,
      entity_type_t   INTEGER,
      entity_t        INTEGER,
      ip_t            INTEGER,
      version_t       INTEGER,
      description     TEXT,
      source_event_id TEXT,
      detail          TEXT NOT NULL,           -- JSON: actor/target/entity in full, changes, user agent
      has_changes     INTEGER NOT NULL,
      dkey            BLOB NOT NULL            -- 96-bit dedupe hash (system + source event id, or content)
    );
    CREATE UNIQUE INDEX events_dkey ON events(dkey);
    CREATE INDEX events_source ON events(source_id);

    -- The record verbatim, apart from the narrow events rows so scans stay cheap.
    CREATE TABLE raw (
      id   INTEGER PRIMARY KEY,                -- = events.id
      text TEXT NOT NULL,                      -- the record verbatim (a JSON value, or a CSV row)
      obj  TEXT                                -- CSV rows only: the row as a JSON object (header → cell), for field paths
    );

    CREATE TABLE rejects (
      id          INTEGER PRIMARY KEY,
      source_id   INTEGER NOT NULL REFERENCES sources(id),
      record_no   INTEGER,
      line        INTEGER,
      byte_offset INTEGER,
      reason      TEXT NOT NULL,
      text        TEXT NOT NULL
    );
    CREATE INDEX rejects_source ON rejects(source_id);

    -- Contentless: the text lives in raw/events; the index alone is stored. rowid = events.id.
    CREATE VIRTUAL TABLE fts USING fts5(
      body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Merge policy for bulk loads (docs/PERFORMANCE.md): no incremental merging; a level's segments
    -- are merged once 64 of them exist. Time-keyed rowids make doclists large, so every merge pass
    -- costs; queries stay ~1 ms with the extra segments. A 16 MiB pending-terms hash (an integer
    -- literal: a bound JS number would arrive as REAL) lets one commit's terms make one segment.
    INSERT INTO fts (fts, rank) VALUES ('automerge', 0);
    INSERT INTO fts (fts, rank) VALUES ('crisismerge', 64);
    INSERT INTO fts (fts, rank) VALUES ('hashsize', 16777216);
  `,
};
