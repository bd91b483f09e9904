import CSQLite
import Foundation

/// A SQLite connection with one owner at a time: the `AuditLog`'s thread, or, while a run is
/// open, that run's `LineageWriter` queue (the log lends it and takes it back when the writer
/// is finished or dropped). It keeps no state of its own besides the handle.
///
/// `@unchecked Sendable`: it moves from the owner's thread to the writer's queue and back, and
/// correctness rests on that single owner (`sqlite3_changes` and transactions are per
/// connection, not per thread). It is opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`): with
/// one owner at a time a per-connection mutex guards nothing, and serialized mode took and
/// released it on every bind and step, about a tenth of the lineage writer's time.
final class SQLiteConnection: @unchecked Sendable {
  let handle: OpaquePointer
  let path: String

  init(path: String, readOnly: Bool = false, uri: Bool = false) throws(AuditLogError) {
    var db: OpaquePointer?
    let flags =
      (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
      | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0)
    let status = sqlite3_open_v2(path, &db, flags, nil)
    guard status == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let db { sqlite3_close(db) }
      throw .cannotOpen(path: path, reason: message)
    }
    self.handle = db
    self.path = path
    sqlite3_busy_timeout(db, 10_000)
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs one or more statements without results.
  func execute(_ sql: String) throws(AuditLogError) {
    var error: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &error)
    if status != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? "error \(status)"
      sqlite3_free(error)
      throw .sqlite(path: path, message: message)
    }
  }

  func prepare(_ sql: String) throws(AuditLogError) -> SQLiteStatement {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
      let statement
    else { throw .sqlite(path: path, message: lastError) }
    return SQLiteStatement(statement, connection: self)
  }

  var lastError: String { String(cString: sqlite3_errmsg(handle)) }

  /// Rows changed by the last statement.
  var changes: Int64 { Int64(sqlite3_changes(handle)) }

  /// False while a transaction is open.
  var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

  /// Runs `body` in a transaction, committed if it returns, rolled back if it throws.
  func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let value = try body()
      try execute("COMMIT")
      return value
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }
}

/// A prepared statement. Bind values by 1-based index, then `step`.
final class SQLiteStatement {
  let handle: OpaquePointer
  unowned let connection: SQLiteConnection

  init(_ handle: OpaquePointer, connection: SQLiteConnection) {
    self.handle = handle
    self.connection = connection
  }

  deinit { sqlite3_finalize(handle) }

  func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
  func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
  func bind(_ index: Int32, _ value: String) {
    sqlite3_bind_text(handle, index, value, -1, csqlite_transient())
  }
  func bind(_ index: Int32, _ value: String?) {
    if let value { bind(index, value) } else { bindNull(index) }
  }
  func bind(_ index: Int32, _ value: Int64?) {
    if let value { bind(index, value) } else { bindNull(index) }
  }
  func bind(_ index: Int32, blob: UnsafeRawBufferPointer) {
    sqlite3_bind_blob(handle, index, blob.baseAddress, Int32(blob.count), csqlite_transient())
  }
  func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

  /// Executes a statement that returns no rows, then resets it for reuse.
  func run() throws(AuditLogError) {
    let status = sqlite3_step(handle)
    sqlite3_reset(handle)
    guard status == SQLITE_DONE || status == SQLITE_ROW else {
      throw .sqlite(path: connection.path, message: connection.lastError)
    }
  }

  /// Steps once; true while there is a row.
  func next() throws(AuditLogError) -> Bool {
    let status = sqlite3_step(handle)
    if status == SQLITE_ROW { return true }
    if status == SQLITE_DONE { return false }
    throw .sqlite(path: connection.path, message: connection.lastError)
  }

  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
  func string(_ column: Int32) -> String? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    return String(cString: text)
  }
  func blob(_ column: Int32) -> [UInt8] {
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}

func sqlite3ColumnCount(_ statement: SQLiteStatement) -> Int32 { sqlite3_column_count(statement.handle) }
