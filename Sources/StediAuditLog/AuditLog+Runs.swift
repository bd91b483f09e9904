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

  /// Calls `body` with every movement of a run, in recording order, with its pseudonym bytes.
  ///
  /// Reads only the run's rowid range (`movementRange`); `scanningAll` reads the whole table
  /// instead (for logs whose runs' rows interleave).
  public func forEachMovement(run: Int64, scanningAll: Bool = false, _ body: (Movement, Digest128?) throws -> Void) throws {
    let range = scanningAll ? nil : try movementRange(run: run)
    guard scanningAll || range != nil else { return }
    let select = try db.prepare("""
      SELECT m.src_file, m.src_line, m.src_digest, m.dst_table, m.dst_file, m.dst_line, m.reason,
        m.subject, s.pseudonym
      FROM movement m LEFT JOIN subject s ON s.id = m.subject
      WHERE m.run = ?\(range == nil ? "" : " AND m.rowid BETWEEN ? AND ?") ORDER BY m.rowid
      """)
    select.bind(1, run)
    if let range {
      select.bind(2, range.lowerBound)
      select.bind(3, range.upperBound)
    }
    let tables = Dictionary(uniqueKeysWithValues: TableID.allCases.map { ($0.code, $0) })
    let reasons = Dictionary(uniqueKeysWithValues: ReasonCode.allCases.map { ($0.code, $0) })
    while try select.next() {
      let digest = Digest128(bytes: select.blob(2)) ?? Digest128(high: 0, low: 0)
      let movement = Movement(
        sourceFile: select.int(0), sourceLine: select.int(1), sourceDigest: digest,
        destinationTable: tables[Int(select.int(3))] ?? .customerLanding,
        destinationFile: select.isNull(4) ? nil : select.int(4),
        destinationLine: select.isNull(5) ? nil : select.int(5),
        reason: reasons[Int(select.int(6))] ?? .malformed,
        subject: select.isNull(7) ? nil : select.int(7))
      let pseudonym = select.string(8).flatMap(Hex.decode).flatMap { Digest128(bytes: $0) }
      try body(movement, pseudonym)
    }
  }
}
