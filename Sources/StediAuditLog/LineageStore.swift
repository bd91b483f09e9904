import CSQLite
import StediCore
import StediKeys

/// What a run's writer queue alone touches: the connection, its prepared statements, the
/// subject ids of the tokens handed out, the Merkle tree and the size of the open transaction.
struct LineageStore: ~Copyable {
  let db: SQLiteConnection
  let run: Int64
  let transactionSize: Int
  private var written = 0
  private var tree = MerkleTree()
  /// Indexed by `SubjectToken.index`.
  private var subjectIDs: [Int64] = []
  private var subjectBytes: [Digest128] = []
  /// The run's zone files: movements from them do not store digests (see `MovementRange`).
  private var outputFiles: Set<Int64> = []
  private var insertRange: SQLiteStatement?
  private var insertSubject: SQLiteStatement?
  private var selectSubject: SQLiteStatement?

  init(db: SQLiteConnection, run: Int64, transactionSize: Int) {
    self.db = db
    self.run = run
    self.transactionSize = transactionSize
  }

  mutating func write(_ batch: LineageBatch) throws(AuditLogError) {
    for subject in batch.subjects {
      subjectIDs.append(try storeSubject(subject))
      subjectBytes.append(subject.bytes)
    }
    let rows = batch.movements
    // Coalesced into ranges; the leaves follow the ranges' order (see `MovementRange`).
    let outputs = outputFiles
    var builder = MovementRangeBuilder(interleaved: true) { !outputs.contains($0) }
    for row in rows { builder.add(row.movement, subject: Int64(row.subject)) }
    let insert = try Self.cached(db, &insertRange, Self.insertRangeSQL)
    for (range, storesDigests) in builder.finished() {
      let subject = range.subject >= 0 ? Int(range.subject) : nil
      let pseudonym = subject.map { subjectBytes[$0] }
      // The leaves of the range as readers will expand it (every digest is in the builder's).
      range.forEachMovement(digest: { _, _ in Digest128(high: 0, low: 0) }) { movement in
        movement.withLeaf(pseudonym: pseudonym) { tree.append($0) }
      }
      var kept = range
      if !storesDigests { kept.digests = nil }
      try Self.insert(kept, run: run, subject: subject.map { subjectIDs[$0] }, with: insert)
    }
    written += rows.count
    if written >= transactionSize {
      try db.execute("COMMIT")
      // A passive checkpoint after each committed part copies it into the database file here,
      // on the writer's queue, while the deciding thread goes on; otherwise the whole run's
      // WAL was copied (and synced) when the log was closed, after the run, on its own. Only
      // an optimisation: if it fails (a full disk), the committed rows stay in the WAL.
      try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")
      try db.execute("BEGIN")
      written = 0
    }
  }

  static let insertRangeSQL = """
    INSERT INTO movement_range (run, src_file, src_line, rows, src_advance, src_digests, dst_table,
      dst_file, dst_line, reason, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

  /// Inserts one range with `insert` (`insertRangeSQL`); `subject` is its `subject.id`.
  static func insert(_ range: MovementRange, run: Int64, subject: Int64?, with insert: SQLiteStatement) throws(AuditLogError) {
    insert.bind(1, run)
    insert.bind(2, range.sourceFile)
    insert.bind(3, range.sourceLine)
    insert.bind(4, range.rows)
    func bind(_ index: Int32, _ bytes: [UInt8]?) {
      if let bytes { bytes.withUnsafeBytes { insert.bind(index, blob: $0) } } else { insert.bindNull(index) }
    }
    bind(5, range.advance)
    bind(6, range.digests)
    insert.bind(7, range.destinationTable.code)
    insert.bind(8, range.destinationFile)
    insert.bind(9, range.destinationLine)
    insert.bind(10, range.reason.code)
    insert.bind(11, subject)
    try insert.run()
  }

  /// The subject's id: inserted, or (a pseudonym an earlier run stored) looked up.
  private mutating func storeSubject(_ subject: LineageBatch.NewSubject) throws(AuditLogError) -> Int64 {
    let insert = try Self.cached(db, &insertSubject, """
      INSERT INTO subject (key_id, pseudonym) VALUES (?, ?)
      ON CONFLICT (key_id, pseudonym) DO NOTHING RETURNING id
      """)
    insert.bind(1, subject.keyID)
    insert.bind(2, subject.pseudonym)
    defer { insert.reset() }
    if try insert.next() { return insert.int(0) }
    let select = try Self.cached(db, &selectSubject, "SELECT id FROM subject WHERE key_id = ? AND pseudonym = ?")
    select.bind(1, subject.keyID)
    select.bind(2, subject.pseudonym)
    defer { select.reset() }
    guard try select.next() else { throw .sqlite(path: db.path, message: "subject not stored") }
    return select.int(0)
  }

  mutating func registerFile(zone: ZoneID, table: TableID, path: String) throws(AuditLogError) -> Int64 {
    let insert = try db.prepare("INSERT INTO file (run, zone, table_code, path) VALUES (?, ?, ?, ?) RETURNING id")
    insert.bind(1, run)
    insert.bind(2, zone.rawValue)
    insert.bind(3, table.code)
    insert.bind(4, path)
    guard try insert.next() else { throw .sqlite(path: db.path, message: "file not stored") }
    let id = insert.int(0)
    insert.reset()
    if zone != .landing { outputFiles.insert(id) }
    return id
  }

  func completeFile(id: Int64, sha256: String, bytes: Int64, rows: Int64) throws(AuditLogError) {
    let update = try db.prepare("UPDATE file SET sha256 = ?, bytes = ?, rows = ? WHERE id = ?")
    update.bind(1, sha256)
    update.bind(2, bytes)
    update.bind(3, rows)
    update.bind(4, id)
    try update.run()
  }

  /// Commits the open transaction; returns the Merkle root (hex).
  func commit() throws(AuditLogError) -> String {
    try db.execute("COMMIT")
    return tree.rootHex()
  }

  func rollBack() {
    if !db.isAutocommit { try? db.execute("ROLLBACK") }
  }

  private static func cached(_ db: SQLiteConnection, _ slot: inout SQLiteStatement?, _ sql: String) throws(AuditLogError) -> SQLiteStatement {
    if let slot { return slot }
    let made = try db.prepare(sql)
    slot = made
    return made
  }
}
