import CSQLite
import Dispatch
import Foundation
public import StediCore
import StediKeys

/// Appends a run's movements to the audit log on a thread of its own, and computes the run's
/// Merkle commitment over them (RFC 6962, leaves in recording order) on that thread too, so the
/// curation thread only hands over batches.
///
/// Rows are inserted 64 at a time with one multi-row statement, in transactions of about
/// `transactionSize` rows. Call `finish()` to commit the rest and get the commitment; errors of
/// the writer thread surface at the next `record` or at `finish`.
///
/// `@unchecked Sendable`: the batch being filled is touched only by the recording thread, the
/// database and the tree only by the writer queue, and the failure slot only under `lock`.
public final class LineageWriter: @unchecked Sendable {
  private let db: SQLiteConnection
  private let run: Int64
  private let transactionSize: Int
  private let queue = DispatchQueue(label: "stedi-audit.lineage")
  /// At most this many batches waiting for the writer: memory stays bounded.
  private let slots = DispatchSemaphore(value: 6)
  private var batch: [(Movement, Digest128?)] = []
  private static let batchCapacity = 8_192
  private let lock = NSLock()
  private var failure: AuditLogError?
  private var tree = MerkleTree()
  private var written = 0
  /// Movements recorded so far.
  public private(set) var count: Int64 = 0

  static let rowsPerStatement = 64

  init(db: SQLiteConnection, run: Int64, transactionSize: Int) throws(AuditLogError) {
    self.db = db
    self.run = run
    self.transactionSize = max(1, transactionSize)
    batch.reserveCapacity(Self.batchCapacity)
    try db.execute("BEGIN")
  }

  /// Records one movement, with the pseudonym bytes of its subject (for the Merkle leaf).
  public func record(_ movement: Movement, pseudonym: Digest128?) throws(AuditLogError) {
    batch.append((movement, pseudonym))
    count += 1
    if batch.count >= Self.batchCapacity { try handOver() }
  }

  private func handOver() throws(AuditLogError) {
    if let failure = currentFailure() { throw failure }
    let full = batch
    batch = []
    batch.reserveCapacity(Self.batchCapacity)
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      guard currentFailure() == nil else { return }
      do throws(AuditLogError) { try write(full) } catch { setFailure(error) }
    }
  }

  /// Commits what is pending; returns the number of movements and their Merkle root (hex).
  public func finish() throws(AuditLogError) -> (movements: Int64, merkleRoot: String) {
    try handOver()
    var result: Result<String, AuditLogError> = .success("")
    queue.sync {
      if let failure = currentFailure() {
        result = .failure(failure)
        return
      }
      do throws(AuditLogError) {
        try db.execute("COMMIT")
        result = .success(tree.rootHex())
      } catch {
        result = .failure(error)
      }
    }
    return (count, try result.get())
  }

  // MARK: writer thread

  private var single: SQLiteStatement?
  private var multiple: SQLiteStatement?

  private func write(_ rows: [(Movement, Digest128?)]) throws(AuditLogError) {
    for (movement, pseudonym) in rows {
      movement.withLeaf(pseudonym: pseudonym) { tree.append($0) }
    }
    let statement = try multipleStatement()
    var index = 0
    while rows.count - index >= Self.rowsPerStatement {
      for offset in 0..<Self.rowsPerStatement {
        bind(rows[index + offset].0, to: statement.handle, at: Int32(offset * 9))
      }
      try statement.run()
      index += Self.rowsPerStatement
    }
    if index < rows.count {
      let one = try singleStatement()
      for row in rows[index...] {
        bind(row.0, to: one.handle, at: 0)
        try one.run()
      }
    }
    written += rows.count
    if written >= transactionSize {
      try db.execute("COMMIT; BEGIN")
      written = 0
    }
  }

  private func singleStatement() throws(AuditLogError) -> SQLiteStatement {
    if let single { return single }
    let made = try db.prepare(Self.insertSQL(rows: 1))
    single = made
    return made
  }

  private func multipleStatement() throws(AuditLogError) -> SQLiteStatement {
    if let multiple { return multiple }
    let made = try db.prepare(Self.insertSQL(rows: Self.rowsPerStatement))
    multiple = made
    return made
  }

  static func insertSQL(rows: Int) -> String {
    let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    return "INSERT INTO movement (run, src_file, src_line, src_digest, dst_table, dst_file, dst_line, reason, subject) VALUES \(values)"
  }

  private func bind(_ movement: Movement, to statement: OpaquePointer, at base: Int32) {
    sqlite3_bind_int64(statement, base + 1, run)
    sqlite3_bind_int64(statement, base + 2, movement.sourceFile)
    sqlite3_bind_int64(statement, base + 3, movement.sourceLine)
    var digest = (movement.sourceDigest.high.bigEndian, movement.sourceDigest.low.bigEndian)
    withUnsafeBytes(of: &digest) { raw in
      _ = sqlite3_bind_blob(statement, base + 4, raw.baseAddress, 16, csqlite_transient())
    }
    sqlite3_bind_int64(statement, base + 5, Int64(movement.destinationTable.code))
    if let file = movement.destinationFile { sqlite3_bind_int64(statement, base + 6, file) } else { sqlite3_bind_null(statement, base + 6) }
    if let line = movement.destinationLine { sqlite3_bind_int64(statement, base + 7, line) } else { sqlite3_bind_null(statement, base + 7) }
    sqlite3_bind_int64(statement, base + 8, Int64(movement.reason.code))
    if let subject = movement.subject { sqlite3_bind_int64(statement, base + 9, subject) } else { sqlite3_bind_null(statement, base + 9) }
  }

  // MARK: failure

  private func currentFailure() -> AuditLogError? {
    lock.lock()
    defer { lock.unlock() }
    return failure
  }

  private func setFailure(_ error: AuditLogError) {
    lock.lock()
    if failure == nil { failure = error }
    lock.unlock()
  }
}
