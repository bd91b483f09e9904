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
  private var single: SQLiteStatement?
  private var multiple: SQLiteStatement?
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
    for row in rows {
      row.movement.withLeaf(pseudonym: row.subject >= 0 ? subjectBytes[Int(row.subject)] : nil) { tree.append($0) }
    }
    let perStatement = LineageWriter.rowsPerStatement
    let statement = try Self.prepared(db, &multiple, rows: perStatement)
    let one = rows.count % perStatement == 0 ? nil : try Self.prepared(db, &single, rows: 1)
    // The digests of one statement's rows, big-endian, bound without a copy (SQLITE_STATIC):
    // the buffer outlives the statement's step, and every row is bound again before the next.
    let digestBytes = perStatement * 16
    try withUnsafeTemporaryAllocation(byteCount: digestBytes, alignment: 8) {
      (digests) throws(AuditLogError) in
      var index = 0
      while rows.count - index >= perStatement {
        for offset in 0..<perStatement {
          let row = rows[index + offset]
          bind(row, to: statement.handle, at: Int32(offset * 9), digest: digests, slot: offset)
        }
        try statement.run()
        index += perStatement
      }
      if let one {
        for row in rows[index...] {
          bind(row, to: one.handle, at: 0, digest: digests, slot: 0)
          try one.run()
        }
      }
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

  func registerFile(zone: ZoneID, table: TableID, path: String) throws(AuditLogError) -> Int64 {
    let insert = try db.prepare("INSERT INTO file (run, zone, table_code, path) VALUES (?, ?, ?, ?) RETURNING id")
    insert.bind(1, run)
    insert.bind(2, zone.rawValue)
    insert.bind(3, table.code)
    insert.bind(4, path)
    guard try insert.next() else { throw .sqlite(path: db.path, message: "file not stored") }
    let id = insert.int(0)
    insert.reset()
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

  private static func prepared(_ db: SQLiteConnection, _ slot: inout SQLiteStatement?, rows: Int) throws(AuditLogError) -> SQLiteStatement {
    try cached(db, &slot, insertSQL(rows: rows))
  }

  static func insertSQL(rows: Int) -> String {
    let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    return "INSERT INTO movement (run, src_file, src_line, src_digest, dst_table, dst_file, dst_line, reason, subject) VALUES \(values)"
  }

  /// Binds a movement's nine values from parameter `base + 1` on; its digest goes to
  /// `digests[16 * slot ..< 16 * slot + 16]`, which must stay valid until the statement is
  /// stepped.
  private func bind(
    _ entry: LineageBatch.Entry, to statement: OpaquePointer, at base: Int32,
    digest digests: UnsafeMutableRawBufferPointer, slot: Int
  ) {
    let movement = entry.movement
    sqlite3_bind_int64(statement, base + 1, run)
    sqlite3_bind_int64(statement, base + 2, movement.sourceFile)
    sqlite3_bind_int64(statement, base + 3, movement.sourceLine)
    let digest = movement.sourceDigest
    digests.storeBytes(of: digest.high.bigEndian, toByteOffset: slot * 16, as: UInt64.self)
    digests.storeBytes(of: digest.low.bigEndian, toByteOffset: slot * 16 + 8, as: UInt64.self)
    // A nil destructor is SQLITE_STATIC: SQLite reads the bytes in place.
    _ = sqlite3_bind_blob(statement, base + 4, digests.baseAddress.map { $0 + slot * 16 }, 16, nil)
    sqlite3_bind_int64(statement, base + 5, Int64(movement.destinationTable.code))
    if let file = movement.destinationFile { sqlite3_bind_int64(statement, base + 6, file) } else { sqlite3_bind_null(statement, base + 6) }
    if let line = movement.destinationLine { sqlite3_bind_int64(statement, base + 7, line) } else { sqlite3_bind_null(statement, base + 7) }
    sqlite3_bind_int64(statement, base + 8, Int64(movement.reason.code))
    if entry.subject >= 0 { sqlite3_bind_int64(statement, base + 9, subjectIDs[Int(entry.subject)]) } else { sqlite3_bind_null(statement, base + 9) }
  }
}
