public import StediCore

/// A run as the audit log knows it.
public struct RunRow: Hashable, Sendable {
  public var id: Int64
  public var runID: String
  public var status: RunStatus
  public var policyName: String
  public var policySHA256: String
  public var merkleRoot: String?
  public var movements: Int64?
  public var manifestSHA256: String?
}

/// A file as the audit log knows it.
public struct FileRow: Hashable, Sendable {
  public var id: Int64
  public var zone: ZoneID
  public var table: TableID
  public var path: String
  public var sha256: String?
  public var bytes: Int64?
  public var rows: Int64?
}

extension AuditLog {
  /// Every run, oldest first.
  public func runs() throws(AuditLogError) -> [RunRow] {
    let select = try db.prepare("""
      SELECT id, run_id, status, policy_name, policy_sha256, merkle_root, movements, manifest_sha256
      FROM run ORDER BY id
      """)
    var out: [RunRow] = []
    while try select.next() {
      out.append(RunRow(
        id: select.int(0), runID: select.string(1) ?? "",
        status: RunStatus(rawValue: select.string(2) ?? "") ?? .failed,
        policyName: select.string(3) ?? "", policySHA256: select.string(4) ?? "",
        merkleRoot: select.string(5), movements: select.isNull(6) ? nil : select.int(6),
        manifestSHA256: select.string(7)))
    }
    return out
  }

  /// The files of a run.
  public func files(run: Int64) throws(AuditLogError) -> [FileRow] {
    let select = try db.prepare("""
      SELECT f.id, f.zone, t.name, f.path, f.sha256, f.bytes, f.rows
      FROM file f JOIN table_ref t ON t.code = f.table_code WHERE f.run = ? ORDER BY f.id
      """)
    select.bind(1, run)
    var out: [FileRow] = []
    while try select.next() {
      guard let zone = ZoneID(rawValue: select.string(1) ?? ""), let table = TableID(rawValue: select.string(2) ?? "") else { continue }
      out.append(FileRow(
        id: select.int(0), zone: zone, table: table, path: select.string(3) ?? "",
        sha256: select.string(4), bytes: select.isNull(5) ? nil : select.int(5),
        rows: select.isNull(6) ? nil : select.int(6)))
    }
    return out
  }

  /// The counts stored for a run.
  public func tableCounts(run: Int64) throws(AuditLogError) -> [TableCounts] {
    let select = try db.prepare("""
      SELECT t.name, c.rows_in, c.admitted, c.rows_out FROM table_count c
      JOIN table_ref t ON t.code = c.table_code WHERE c.run = ? ORDER BY t.code
      """)
    select.bind(1, run)
    var out: [TableCounts] = []
    while try select.next() {
      guard let table = TableID(rawValue: select.string(0) ?? "") else { continue }
      var counts = TableCounts(table: table)
      counts.rowsIn = select.int(1)
      counts.admitted = select.int(2)
      counts.rowsOut = select.int(3)
      out.append(counts)
    }
    let reasons = try db.prepare("""
      SELECT t.name, r.name, c.rows FROM reason_count c JOIN table_ref t ON t.code = c.table_code
      JOIN reason r ON r.code = c.reason WHERE c.run = ?
      """)
    reasons.bind(1, run)
    while try reasons.next() {
      guard let index = out.firstIndex(where: { $0.table.rawValue == reasons.string(0) }),
        let reason = ReasonCode(rawValue: reasons.string(1) ?? "")
      else { continue }
      out[index].add(reason, rows: reasons.int(2))
    }
    return out
  }

  /// Calls `body` with every movement of a run, in the order of its Merkle leaves (its ranges
  /// in `rowid` order, each expanded: `MovementRange`), with its pseudonym bytes.
  ///
  /// Reads only the run's rowid range (`movementRange`); `scanningAll` reads the whole table
  /// instead (for logs whose runs' rows interleave). A digest a range does not store is the
  /// digest its trusted line was recorded with; one that can't be found (a record edited or
  /// deleted) is given as zeros, which no leaf of the signed tree has.
  public func forEachMovement(run: Int64, scanningAll: Bool = false, _ body: (Movement, Digest128?) throws -> Void) throws {
    var resolver = TrustedDigests(audit: self, run: run)
    try forEachRange(run: run, scanningAll: scanningAll) { range, pseudonym in
      try range.forEachMovement(digest: { _, line in try resolver.digest(file: range.sourceFile, line: line) }) {
        try body($0, pseudonym)
      }
    }
  }

  /// Calls `body` with every range of a run, in `rowid` order, with its pseudonym bytes.
  public func forEachRange(run: Int64, scanningAll: Bool = false, _ body: (MovementRange, Digest128?) throws -> Void) throws {
    let range = scanningAll ? nil : try movementRange(run: run)
    guard scanningAll || range != nil else { return }
    let select = try db.prepare("""
      SELECT m.src_file, m.src_line, m.rows, m.src_advance, m.src_digests, m.dst_table, m.dst_file,
        m.dst_line, m.reason, m.subject, s.pseudonym
      FROM movement_range m LEFT JOIN subject s ON s.id = m.subject
      WHERE m.run = ?\(range == nil ? "" : " AND m.rowid BETWEEN ? AND ?") ORDER BY m.rowid
      """)
    select.bind(1, run)
    if let range {
      select.bind(2, range.lowerBound)
      select.bind(3, range.upperBound)
    }
    while try select.next() {
      let pseudonym = select.string(10).flatMap(Hex.decode).flatMap { Digest128(bytes: $0) }
      try body(Self.range(select), pseudonym)
    }
  }

  /// The ranges of some subjects (by the `movement_range_subject` index) with their runs, in
  /// `rowid` order.
  public func ranges(ofSubjects subjects: [Int64]) throws(AuditLogError) -> [(run: Int64, range: MovementRange)] {
    guard !subjects.isEmpty else { return [] }
    let marks = Array(repeating: "?", count: subjects.count).joined(separator: ", ")
    let select = try db.prepare("""
      SELECT m.src_file, m.src_line, m.rows, m.src_advance, m.src_digests, m.dst_table, m.dst_file,
        m.dst_line, m.reason, m.subject, m.run
      FROM movement_range m WHERE m.subject IN (\(marks)) ORDER BY m.rowid
      """)
    for (index, subject) in subjects.enumerated() { select.bind(Int32(index + 1), subject) }
    var out: [(run: Int64, range: MovementRange)] = []
    while try select.next() { out.append((select.int(10), Self.range(select))) }
    return out
  }

  /// The range of the current row of a query whose first ten columns are `src_file, src_line,
  /// rows, src_advance, src_digests, dst_table, dst_file, dst_line, reason, subject`.
  private static func range(_ select: SQLiteStatement) -> MovementRange {
    MovementRange(
      sourceFile: select.int(0), sourceLine: select.int(1),
      rows: Int(min(max(select.int(2), 0), Int64(MovementRange.maxRows))),
      advance: select.isNull(3) ? nil : select.blob(3),
      digests: select.isNull(4) ? nil : select.blob(4),
      destinationTable: TableID(code: Int(select.int(5))) ?? .customerLanding,
      destinationFile: select.isNull(6) ? nil : select.int(6),
      destinationLine: select.isNull(7) ? nil : select.int(7),
      reason: ReasonCode(code: Int(select.int(8))) ?? .malformed,
      subject: select.isNull(9) ? -1 : select.int(9))
  }
}

/// The digests of a run's trusted lines, as the ranges that moved landing rows into them store
/// them: what a curated-side range (source: a trusted file) does not repeat. Looks a line's
/// range up by the `movement_range_trusted` index and keeps the last one found.
struct TrustedDigests {
  let audit: AuditLog
  let run: Int64
  private var statement: SQLiteStatement?
  private var found: MovementRange?

  init(audit: AuditLog, run: Int64) {
    self.audit = audit
    self.run = run
  }

  mutating func digest(file: Int64, line: Int64) throws(AuditLogError) -> Digest128 {
    let zero = Digest128(high: 0, low: 0)
    if let found, found.destinationFile == file, let first = found.destinationLine,
      line >= first, line < first + Int64(found.rows)
    {
      return found.storedDigest(at: Int(line - first)) ?? zero
    }
    if statement == nil {
      statement = try audit.db.prepare("""
        SELECT dst_line, rows, src_digests, dst_table FROM movement_range
        WHERE dst_file = ? AND dst_line <= ? AND dst_table IN (4, 5, 6) AND run = ?
        ORDER BY dst_line DESC LIMIT 1
        """)
    }
    guard let statement else { return zero }
    defer { statement.reset() }
    statement.bind(1, file)
    statement.bind(2, line)
    statement.bind(3, run)
    guard try statement.next(), !statement.isNull(2) else { return zero }
    let first = statement.int(0)
    let rows = statement.int(1)
    guard line < first + rows else { return zero }
    let range = MovementRange(
      sourceFile: 0, sourceLine: 0, rows: Int(rows), advance: nil, digests: statement.blob(2),
      destinationTable: TableID(code: Int(statement.int(3))) ?? .customerTrusted,
      destinationFile: file, destinationLine: first, reason: .admitted, subject: -1)
    found = range
    return range.storedDigest(at: Int(line - first)) ?? zero
  }
}

/// A movement as a reader names it: file paths instead of ids, the pseudonym in hex.
public struct MovementRow: Hashable, Sendable {
  public var sourceZone: ZoneID
  public var sourcePath: String
  public var sourceLine: Int64
  /// The source row's digest (32 hex digits).
  public var sourceDigest: String
  public var destinationTable: TableID
  public var destinationPath: String?
  public var destinationLine: Int64?
  public var reason: ReasonCode
  public var pseudonym: String?
}

extension AuditLog {
  /// Every movement of a run, expanded from its ranges, in the order of its Merkle leaves.
  public func movementRows(run: Int64) throws -> [MovementRow] {
    let files = Dictionary(uniqueKeysWithValues: try files(run: run).map { ($0.id, $0) })
    var rows: [MovementRow] = []
    try forEachMovement(run: run) { movement, pseudonym in
      let source = files[movement.sourceFile]
      rows.append(MovementRow(
        sourceZone: source?.zone ?? .landing, sourcePath: source?.path ?? "#\(movement.sourceFile)",
        sourceLine: movement.sourceLine, sourceDigest: Hex.encode(movement.sourceDigest.bytes),
        destinationTable: movement.destinationTable,
        destinationPath: movement.destinationFile.map { files[$0]?.path ?? "#\($0)" },
        destinationLine: movement.destinationLine, reason: movement.reason,
        pseudonym: pseudonym.map { Hex.encode($0.bytes) }))
    }
    return rows
  }
}
