extension AuditLog {
  /// The rowids of `movement` that hold a run's movements, found by binary search, nil if it
  /// has none. Movements are appended one run at a time (writers hold the workspace lock), so
  /// each run's rows are one rowid range: finding it costs O(log n) lookups instead of a scan of
  /// every run's rows, which kept `verify` and every run's summary growing with the history.
  ///
  /// Callers still filter by `run`, so a log whose runs' rows interleave (written by two
  /// writers at once, before the lock) gives fewer rows, never someone else's: the Merkle
  /// check then fails and a scan of every row (`scanningAll`) settles it.
  public func movementRange(run: Int64) throws(AuditLogError) -> ClosedRange<Int64>? {
    // Two queries: SQLite answers a lone min() or max() of the rowid from the B-tree's ends,
    // but `SELECT min(rowid), max(rowid)` scans the whole table.
    let first = try db.prepare("SELECT rowid FROM movement ORDER BY rowid LIMIT 1")
    guard try first.next() else { return nil }
    let low = first.int(0)
    let last = try db.prepare("SELECT rowid FROM movement ORDER BY rowid DESC LIMIT 1")
    guard try last.next() else { return nil }
    let high = last.int(0)
    let probe = try db.prepare(
      "SELECT rowid, run FROM movement WHERE rowid >= ? ORDER BY rowid LIMIT 1")
    /// The first rowid whose run is >= `target` (nil if none).
    func firstRowid(runAtLeast target: Int64) throws(AuditLogError) -> Int64? {
      var lo = low
      var hi = high + 1
      var found: Int64?
      while lo < hi {
        let mid = lo + (hi - lo) / 2
        probe.reset()
        probe.bind(1, mid)
        guard try probe.next() else {
          hi = mid
          continue
        }
        let rowid = probe.int(0)
        if probe.int(1) >= target {
          found = rowid
          hi = mid
        } else {
          lo = rowid + 1
        }
      }
      probe.reset()
      return found
    }
    guard let start = try firstRowid(runAtLeast: run) else { return nil }
    let end = try firstRowid(runAtLeast: run + 1).map { $0 - 1 } ?? high
    guard end >= start else { return nil }
    return start...end
  }

  /// Deletes a run's movements (of a run that was never published, or whose files were pruned);
  /// returns how many were deleted. Its digests stay in the run row, the signed manifest and
  /// the event chain.
  @discardableResult
  public func dropMovements(run: Int64) throws(AuditLogError) -> Int64 {
    let range = try movementRange(run: run)
    let delete = try db.prepare(
      range == nil
        ? "DELETE FROM movement WHERE run = ?"
        : "DELETE FROM movement WHERE run = ? AND rowid BETWEEN ? AND ?")
    delete.bind(1, run)
    if let range {
      delete.bind(2, range.lowerBound)
      delete.bind(3, range.upperBound)
    }
    try delete.run()
    return db.changes
  }
}

extension AuditLog {
  /// The number of rowids from a run's first movement to its last, in O(log n): a run's rows
  /// are written one after the other, so this equals its movement count unless rows were cut
  /// off at either end or the run's rows interleave with another's. It does not see a row
  /// deleted from the middle (`movementCount` and `verify --all` do).
  public func movementSpan(run: Int64) throws(AuditLogError) -> Int64 {
    guard let range = try movementRange(run: run) else { return 0 }
    let last = try db.prepare(
      "SELECT rowid, run FROM movement WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1")
    last.bind(1, range.upperBound)
    guard try last.next(), last.int(1) == run else { return 0 }
    return last.int(0) - range.lowerBound + 1
  }
}
