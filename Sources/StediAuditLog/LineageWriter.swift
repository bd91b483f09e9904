import CSQLite
import StediCore

/// Appends a run's movements to the audit log, in transactions of `batchSize` rows.
///
/// Call `finish()` to commit the last batch; a writer dropped without it leaves the run's last
/// batch uncommitted (the run is then marked failed on the next open).
public final class LineageWriter {
  private let db: SQLiteConnection
  private let run: Int64
  private let batchSize: Int
  private let insert: SQLiteStatement
  private var pending = 0
  /// Movements recorded so far.
  public private(set) var count: Int64 = 0

  init(db: SQLiteConnection, run: Int64, batchSize: Int) throws(AuditLogError) {
    self.db = db
    self.run = run
    self.batchSize = max(1, batchSize)
    insert = try db.prepare("""
      INSERT INTO movement (run, src_file, src_line, src_digest, dst_table, dst_file, dst_line, reason, subject)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    try db.execute("BEGIN")
  }

  /// Records one movement.
  public func record(_ movement: Movement) throws(AuditLogError) {
    let statement = insert.handle
    sqlite3_bind_int64(statement, 1, run)
    sqlite3_bind_int64(statement, 2, movement.sourceFile)
    sqlite3_bind_int64(statement, 3, movement.sourceLine)
    var digest = (movement.sourceDigest.high.bigEndian, movement.sourceDigest.low.bigEndian)
    withUnsafeBytes(of: &digest) { raw in
      _ = sqlite3_bind_blob(statement, 4, raw.baseAddress, 16, csqlite_transient())
    }
    sqlite3_bind_int64(statement, 5, Int64(movement.destinationTable.code))
    if let file = movement.destinationFile { sqlite3_bind_int64(statement, 6, file) } else { sqlite3_bind_null(statement, 6) }
    if let line = movement.destinationLine { sqlite3_bind_int64(statement, 7, line) } else { sqlite3_bind_null(statement, 7) }
    sqlite3_bind_int64(statement, 8, Int64(movement.reason.code))
    if let subject = movement.subject { sqlite3_bind_int64(statement, 9, subject) } else { sqlite3_bind_null(statement, 9) }
    try insert.run()
    count += 1
    pending += 1
    if pending >= batchSize {
      try db.execute("COMMIT; BEGIN")
      pending = 0
    }
  }

  /// Commits what is pending.
  public func finish() throws(AuditLogError) {
    try db.execute("COMMIT")
  }
}
