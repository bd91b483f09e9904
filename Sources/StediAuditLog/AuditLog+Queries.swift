extension AuditLog {
  /// The number of movements recorded for a run: the rows of its ranges (O(ranges)).
  public func movementCount(run: Int64) throws(AuditLogError) -> Int64 {
    guard let range = try movementRange(run: run) else { return 0 }
    let statement = try db.prepare("SELECT coalesce(sum(rows), 0) FROM movement_range WHERE run = ? AND rowid BETWEEN ? AND ?")
    statement.bind(1, run)
    statement.bind(2, range.lowerBound)
    statement.bind(3, range.upperBound)
    _ = try statement.next()
    return statement.int(0)
  }

  /// Run ids, newest first.
  public func runIDsNewestFirst() throws(AuditLogError) -> [String] {
    let statement = try db.prepare("SELECT run_id FROM run ORDER BY id DESC")
    var ids: [String] = []
    while try statement.next() { if let id = statement.string(0) { ids.append(id) } }
    return ids
  }

  /// A value bound to a query's `?` parameter.
  public enum QueryValue: Sendable {
    case text(String)
    case integer(Int64)
  }

  /// Runs a read-only query with its `?` parameters bound to `values`, in order, and returns its
  /// rows as text. Values are never part of the SQL text.
  public func rows(_ sql: String, binding values: [QueryValue] = []) throws(AuditLogError) -> [[String?]] {
    let statement = try db.prepare(sql)
    for (index, value) in values.enumerated() {
      switch value {
      case .text(let text): statement.bind(Int32(index + 1), text)
      case .integer(let number): statement.bind(Int32(index + 1), number)
      }
    }
    let columns = sqlite3ColumnCount(statement)
    var out: [[String?]] = []
    while try statement.next() {
      out.append((0..<columns).map { statement.isNull($0) ? nil : statement.string($0) })
    }
    return out
  }
}

extension AuditLog {
  /// Rolls back a transaction left open by an interrupted writer (after a failure), so that the
  /// run's status can still be recorded.
  public func rollBackOpenTransaction() {
    // A run writer still open (its layer not yet dropped) stops first and gives the
    // connection back.
    runWriter?.abandon()
    runWriter = nil
    if !db.isAutocommit { try? db.execute("ROLLBACK") }
  }
}
