public import Foundation
import StediAuditLog
import StediCore
import StediKeys
import StediPolicy
import StediZones

/// What `stedi-audit trace` asks for: an email (turned into its pseudonym with the workspace
/// key, never stored) or a pseudonym.
public struct TraceRequest: Sendable {
  public var workspace: URL
  public var email: String?
  public var customerId: String?
  /// The key folder of the pseudonym key; by default the one `environment` names.
  public var keysDirectory: URL?
  public var allowInsecureKeys: Bool
  /// Where the default key folder is looked up; see `RunRequest.environment`.
  public var environment: [String: String]
  /// List every movement of the customer's rows (source line, table, reason, destination).
  public var rows: Bool

  public init(
    workspace: URL, email: String? = nil, customerId: String? = nil, keysDirectory: URL? = nil,
    allowInsecureKeys: Bool = false, environment: [String: String] = [:], rows: Bool = false
  ) {
    self.rows = rows
    self.workspace = workspace
    self.email = email
    self.customerId = customerId
    self.keysDirectory = keysDirectory
    self.allowInsecureKeys = allowInsecureKeys
    self.environment = environment
  }
}

extension Toolkit {
  /// `stedi-audit trace`.
  public static func trace(_ request: TraceRequest) throws -> TraceReport {
    if let customerId = request.customerId,
      customerId.count != 32 || Hex.decode(customerId) == nil
    {
      throw ToolkitError.usage("--customer-id: a customer id is a pseudonym of 32 hex digits")
    }
    try PathCheck.input(request.workspace, .directory, "workspace")
    if let keys = request.keysDirectory { try PathCheck.input(keys, .directory, "key directory") }
    let workspace = Workspace(root: request.workspace)
    guard FileManager.default.fileExists(atPath: workspace.auditLogURL.path) else {
      throw ToolkitError.noInput(
        "\(workspace.auditLogURL.path): no audit log (is this a stedi-audit workspace?)")
    }
    let access = try KeyAccess.resolve(
      folder: request.keysDirectory, workspace: workspace, allowInsecure: request.allowInsecureKeys,
      environment: request.environment)
    let key = try access.secrets.pseudonymKey(createIfMissing: false).0
    var pseudonyms: [String] = []
    if let email = request.email {
      let pseudonymizer = Pseudonymizer(key: key)
      // Both email keys the policies use: exact, and trimmed + lower-cased.
      for form in [email, Policy.withdrawalKey(email)] {
        let pseudonym = pseudonymizer.pseudonym(ofEmailKey: form)
        if !pseudonyms.contains(pseudonym) { pseudonyms.append(pseudonym) }
      }
    }
    if let customerId = request.customerId {
      pseudonyms.append(customerId.lowercased())
    }
    let snapshot = try ReaderSnapshot(workspace)
    return try trace(
      audit: snapshot.audit, published: snapshot.publishedRunID, keyID: key.keyID, pseudonyms: pseudonyms,
      rows: request.rows)
  }

  static func trace(
    audit: AuditLog, published: String?, keyID: String, pseudonyms: [String], rows: Bool = false
  ) throws -> TraceReport {
    // Parameters only: the pseudonyms and ids are bound, never spliced into the SQL.
    let marks = { (count: Int) in Array(repeating: "?", count: count).joined(separator: ", ") }
    let subjects = try audit.rows(
      "SELECT id FROM subject WHERE key_id = ? AND pseudonym IN (\(marks(pseudonyms.count)))",
      binding: [.text(keyID)] + pseudonyms.map { .text($0) }
    ).compactMap { $0[0].flatMap { Int64($0) } }
    var runs: [TraceReport.RunTrace] = []
    if !subjects.isEmpty {
      let ids = marks(subjects.count)
      let bound = subjects.map { AuditLog.QueryValue.integer($0) }
      // The subjects' ranges (by the subject index): admitted rows are counted once per
      // destination line (a machine-learning row may have both parents of one customer), the
      // others once per movement.
      let ranges = try audit.rows("""
        SELECT m.run, m.dst_table, m.reason, m.dst_file, m.dst_line, m.rows, f.path
        FROM movement_range m LEFT JOIN file f ON f.id = m.dst_file
        WHERE m.subject IN (\(ids)) ORDER BY m.run, m.dst_table, m.reason, m.dst_file, m.dst_line
        """, binding: bound)
      let counts = Self.traceCounts(ranges)
      let files = Array(Set(ranges.compactMap { row in
        row[2] == "0" && row[6] != nil ? [row[0], row[6]] : nil
      })).sorted { ($0[0] ?? "", $0[1] ?? "") < ($1[0] ?? "", $1[1] ?? "") }
      let movements = rows ? try Self.movementLines(audit: audit, subjects: subjects) : [:]
      for run in try audit.runs() {
        let id = String(run.id)
        let mine = counts.filter { $0[0] == id }
        guard !mine.isEmpty else { continue }
        var tables: [TraceReport.TableRows] = []
        for row in mine {
          let table = row[1] ?? ""
          if tables.last?.table != table { tables.append(.init(table: table, admitted: 0, excluded: [:], quarantined: [:])) }
          let count = Int64(row[4] ?? "0") ?? 0
          switch row[3] {
          case "admitted": tables[tables.count - 1].admitted += count
          case "quarantined": tables[tables.count - 1].quarantined[row[2] ?? ""] = count
          default: tables[tables.count - 1].excluded[row[2] ?? ""] = count
          }
        }
        runs.append(.init(
          runId: run.runID, status: run.status.rawValue, published: run.runID == published, policy: run.policyName,
          manifest: run.manifestSHA256 == nil ? nil : "manifests/\(run.runID).dsse.json", tables: tables,
          files: files.filter { $0[0] == id }.compactMap { $0[1] },
          movements: rows ? movements[run.id] ?? [] : nil))
      }
    }
    let withdrawals = try audit.withdrawals().filter { $0.keyID == keyID && pseudonyms.contains($0.pseudonym) }
      .map { TraceReport.WithdrawalInfo(pseudonym: $0.pseudonym, asOf: $0.asOf, recordedAt: $0.recordedAt) }
    return TraceReport(keyId: keyID, pseudonyms: pseudonyms, runs: runs, withdrawals: withdrawals)
  }

  /// Rows (run, table name, reason name, decision, count) from a subject's ranges (run,
  /// dst_table, reason, dst_file, dst_line, rows; sorted by the first five): admitted ranges
  /// count the distinct destination lines they cover, the others their movements.
  static func traceCounts(_ ranges: [[String?]]) -> [[String?]] {
    struct Key: Hashable {
      var run: String
      var table: Int
      var reason: Int
    }
    var order: [Key] = []
    var totals: [Key: Int64] = [:]
    var covered: [Key: (file: String?, end: Int64)] = [:]
    for row in ranges {
      guard let run = row[0], let table = Int(row[1] ?? ""), let reason = Int(row[2] ?? ""),
        let rows = Int64(row[5] ?? "")
      else { continue }
      let key = Key(run: run, table: table, reason: reason)
      if totals[key] == nil { order.append(key) }
      var added = rows
      if reason == ReasonCode.admitted.code, let start = Int64(row[4] ?? "") {
        // Sorted by file and first line: only the part past the covered end is new.
        let end = start + rows
        let previous = covered[key].flatMap { $0.file == row[3] ? $0.end : nil }
        if let previous { added = max(0, end - max(start, previous)) }
        covered[key] = (row[3], max(end, previous ?? end))
      }
      totals[key, default: 0] += added
    }
    return order.map { key in
      let reason = ReasonCode(code: key.reason)
      return [key.run, TableID(code: key.table)?.rawValue, reason?.rawValue, reason?.decision.rawValue,
        String(totals[key] ?? 0)]
    }
  }

  /// Every movement of the subjects' ranges, expanded, by run.
  static func movementLines(audit: AuditLog, subjects: [Int64]) throws -> [Int64: [TraceReport.MovementLine]] {
    var paths: [Int64: [Int64: FileRow]] = [:]
    var out: [Int64: [TraceReport.MovementLine]] = [:]
    for (run, range) in try audit.ranges(ofSubjects: subjects) {
      if paths[run] == nil { paths[run] = Dictionary(uniqueKeysWithValues: try audit.files(run: run).map { ($0.id, $0) }) }
      let files = paths[run] ?? [:]
      let source = files[range.sourceFile]
      for (index, line) in range.sourceLines().enumerated() {
        out[run, default: []].append(TraceReport.MovementLine(
          sourceZone: source?.zone.rawValue ?? "?", sourcePath: source?.path ?? "#\(range.sourceFile)",
          sourceLine: line, table: range.destinationTable.rawValue, decision: range.reason.decision.rawValue,
          reason: range.reason.rawValue,
          destinationPath: range.destinationFile.map { files[$0]?.path ?? "#\($0)" },
          destinationLine: range.destinationLine.map { $0 + Int64(index) }))
      }
    }
    return out
  }
}
