/// The audit log's schema, as append-only migrations: never edit a shipped one, add a new one.
///
/// `audit/schema.sql` is the schema these produce; a test keeps the two equal.
enum Migrations {
  /// The migrations in order; the schema version is their count.
  static let all: [String] = [v1, v2, v3, v4]

  static var currentVersion: Int { all.count }

  static let v1 = """
    CREATE TABLE reason (
      code INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      decision TEXT NOT NULL CHECK (decision IN ('admitted', 'excluded', 'quarantined')),
      summary TEXT NOT NULL
    );
    CREATE TABLE table_ref (
      code INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      zone TEXT NOT NULL
    );
    CREATE TABLE run (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL UNIQUE,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      status TEXT NOT NULL CHECK (status IN ('running', 'committed', 'published', 'failed')),
      policy_name TEXT NOT NULL,
      policy_sha256 TEXT NOT NULL,
      tool_version TEXT NOT NULL,
      pseudonym_key_id TEXT NOT NULL,
      summary_json TEXT
    );
    CREATE TABLE file (
      id INTEGER PRIMARY KEY,
      run INTEGER NOT NULL REFERENCES run (id),
      zone TEXT NOT NULL,
      table_code INTEGER NOT NULL REFERENCES table_ref (code),
      path TEXT NOT NULL,
      sha256 TEXT,
      bytes INTEGER,
      rows INTEGER,
      UNIQUE (run, zone, path)
    );
    CREATE TABLE subject (
      id INTEGER PRIMARY KEY,
      key_id TEXT NOT NULL,
      pseudonym TEXT NOT NULL,
      UNIQUE (key_id, pseudonym)
    );
    CREATE TABLE movement (
      run INTEGER NOT NULL,
      src_file INTEGER NOT NULL,
      src_line INTEGER NOT NULL,
      src_digest BLOB NOT NULL,
      dst_table INTEGER NOT NULL,
      dst_file INTEGER,
      dst_line INTEGER,
      reason INTEGER NOT NULL,
      subject INTEGER
    );
    CREATE TABLE table_count (
      run INTEGER NOT NULL REFERENCES run (id),
      table_code INTEGER NOT NULL REFERENCES table_ref (code),
      rows_in INTEGER NOT NULL,
      admitted INTEGER NOT NULL,
      excluded INTEGER NOT NULL,
      quarantined INTEGER NOT NULL,
      rows_out INTEGER NOT NULL,
      PRIMARY KEY (run, table_code)
    );
    CREATE TABLE reason_count (
      run INTEGER NOT NULL REFERENCES run (id),
      table_code INTEGER NOT NULL REFERENCES table_ref (code),
      reason INTEGER NOT NULL REFERENCES reason (code),
      rows INTEGER NOT NULL,
      PRIMARY KEY (run, table_code, reason)
    );
    CREATE TABLE hazard (
      run INTEGER NOT NULL REFERENCES run (id),
      kind TEXT NOT NULL,
      table_code INTEGER NOT NULL REFERENCES table_ref (code),
      count INTEGER NOT NULL,
      PRIMARY KEY (run, kind, table_code)
    );
    CREATE VIEW movement_view AS
      SELECT r.run_id AS run_id, sf.path AS src_path, sf.zone AS src_zone, m.src_line AS src_line,
        lower(hex(m.src_digest)) AS src_digest, t.name AS dst_table, df.path AS dst_path,
        m.dst_line AS dst_line, rs.decision AS decision, rs.name AS reason,
        s.pseudonym AS pseudonym, s.key_id AS key_id
      FROM movement m
      JOIN run r ON r.id = m.run
      JOIN file sf ON sf.id = m.src_file
      JOIN table_ref t ON t.code = m.dst_table
      JOIN reason rs ON rs.code = m.reason
      LEFT JOIN file df ON df.id = m.dst_file
      LEFT JOIN subject s ON s.id = m.subject;
    """

  /// Version 2: the hash-chained run events, and each run's commitments.
  static let v2 = """
    CREATE TABLE event (
      id INTEGER PRIMARY KEY,
      run INTEGER REFERENCES run (id),
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      body TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    );
    ALTER TABLE run ADD COLUMN merkle_root TEXT;
    ALTER TABLE run ADD COLUMN movements INTEGER;
    ALTER TABLE run ADD COLUMN manifest_sha256 TEXT;
    """

  /// Version 3: consent withdrawals, and the policy text of each run (for re-curation).
  static let v3 = """
    CREATE TABLE withdrawal (
      id INTEGER PRIMARY KEY,
      key_id TEXT NOT NULL,
      pseudonym TEXT NOT NULL,
      as_of INTEGER NOT NULL,
      recorded_at INTEGER NOT NULL,
      UNIQUE (key_id, pseudonym)
    );
    ALTER TABLE run ADD COLUMN policy_text TEXT;
    """

  /// Version 4: lineage as ranges (`MovementRange`): consecutive movements of one source file
  /// with the same destination, reason and subject are one record, and a row's digest is
  /// stored once, with its landing movement. `AuditLog` converts the version-3 `movement` rows
  /// (each run's rows coalesced in their recorded order, with their digests, so every signed
  /// Merkle root still holds) and then drops that table.
  static let v4 = """
    CREATE TABLE movement_range (
      run INTEGER NOT NULL,
      src_file INTEGER NOT NULL,
      src_line INTEGER NOT NULL,
      rows INTEGER NOT NULL CHECK (rows >= 1),
      src_advance BLOB,
      src_digests BLOB,
      dst_table INTEGER NOT NULL,
      dst_file INTEGER,
      dst_line INTEGER,
      reason INTEGER NOT NULL,
      subject INTEGER
    );
    CREATE INDEX movement_range_trusted ON movement_range (dst_file, dst_line)
      WHERE dst_table IN (4, 5, 6);
    CREATE INDEX movement_range_subject ON movement_range (subject) WHERE subject IS NOT NULL;
    DROP VIEW movement_view;
    CREATE VIEW movement_range_view AS
      SELECT r.run_id AS run_id, sf.path AS src_path, sf.zone AS src_zone, m.src_line AS src_line,
        m.rows AS rows, lower(hex(m.src_advance)) AS src_advance, t.name AS dst_table,
        df.path AS dst_path, m.dst_line AS dst_line, rs.decision AS decision, rs.name AS reason,
        s.pseudonym AS pseudonym, s.key_id AS key_id
      FROM movement_range m
      JOIN run r ON r.id = m.run
      JOIN file sf ON sf.id = m.src_file
      JOIN table_ref t ON t.code = m.dst_table
      JOIN reason rs ON rs.code = m.reason
      LEFT JOIN file df ON df.id = m.dst_file
      LEFT JOIN subject s ON s.id = m.subject;
    """
}
