import StediCore

extension AuditLog {
  /// The rowids of `movement_range` that hold a run's movements, found by binary search, nil
  /// if it has none. Ranges are appended one run at a time (writers hold the workspace lock), so
  /// each run's rows are one rowid range: finding it costs O(log n) lookups instead of a scan of
  /// every run's rows, which kept `verify` and every run's summary growing with the history.
  ///
  /// Callers still filter by `run`, so a log whose runs' rows interleave (written by two
  /// writers at once, before the lock) gives fewer rows, never someone else's: the Merkle
  /// check then fails and a scan of every row (`scanningAll`) settles it.
  public func movementRange(run: Int64) throws(AuditLogError) -> ClosedRange<Int64>? {
    // Two queries: SQLite answers a lone min() or max() of the rowid from the B-tree's ends,
    // but `SELECT min(rowid), max(rowid)` scans the whole table.
    let first = try db.prepare("SELECT rowid FROM movement_range ORDER BY rowid LIMIT 1")
    guard try first.next() else { return nil }
    let low = first.int(0)
    let last = try db.prepare("SELECT rowid FROM movement_range ORDER BY rowid DESC LIMIT 1")
    guard try last.next() else { return nil }
    let high = last.int(0)
    let probe = try db.prepare(
      "SELECT rowid, run FROM movement_range WHERE rowid >= ? ORDER BY rowid LIMIT 1")
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
  /// returns how many ranges were deleted. Its digests stay in the run row, the signed manifest and
  /// the event chain.
  @discardableResult
  public func dropMovements(run: Int64) throws(AuditLogError) -> Int64 {
    let range = try movementRange(run: run)
    let delete = try db.prepare(
      range == nil
        ? "DELETE FROM movement_range WHERE run = ?"
        : "DELETE FROM movement_range WHERE run = ? AND rowid BETWEEN ? AND ?")
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
  /// Migration 4's data step: the version-3 `movement` rows, in `rowid` order, become ranges of
  /// consecutive rows (so each run's leaves keep their order and its signed root holds), each
  /// storing its digests; then `movement` is dropped.
  func convertMovementsToRanges() throws(AuditLogError) {
    let select = try db.prepare("""
      SELECT run, src_file, src_line, src_digest, dst_table, dst_file, dst_line, reason, subject
      FROM movement ORDER BY rowid
      """)
    let insert = try db.prepare(LineageStore.insertRangeSQL)
    var builder = MovementRangeBuilder(interleaved: false) { _ in true }
    var run: Int64?
    func flush() throws(AuditLogError) {
      guard let run else { return }
      for (range, _) in builder.finished() {
        try LineageStore.insert(range, run: run, subject: range.subject >= 0 ? range.subject : nil, with: insert)
      }
      builder.removeAll()
    }
    var added = 0
    while try select.next() {
      let movementRun = select.int(0)
      if movementRun != run || added == MovementRange.maxRows {
        try flush()
        run = movementRun
        added = 0
      }
      let movement = Movement(
        sourceFile: select.int(1), sourceLine: select.int(2),
        sourceDigest: Digest128(bytes: select.blob(3)) ?? Digest128(high: 0, low: 0),
        destinationTable: TableID(code: Int(select.int(4))) ?? .customerLanding,
        destinationFile: select.isNull(5) ? nil : select.int(5),
        destinationLine: select.isNull(6) ? nil : select.int(6),
        reason: ReasonCode(code: Int(select.int(7))) ?? .malformed,
        subject: nil)
      builder.add(movement, subject: select.isNull(8) ? -1 : select.int(8))
      added += 1
    }
    try flush()
    select.reset()
    try db.execute("DROP TABLE movement")
  }
}
