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
      // The subjects' ranges, read once through the subject index.
      let byRun = Dictionary(grouping: try audit.ranges(ofSubjects: subjects), by: \.run)
      for run in try audit.runs() {
        guard let mine = byRun[run.id]?.map(\.range) else { continue }
        let paths = Dictionary(uniqueKeysWithValues: try audit.files(run: run.id).map { ($0.id, $0) })
        let held = Set(mine.compactMap { range in
          range.reason == .admitted ? range.destinationFile.flatMap { paths[$0]?.path } : nil
        })
        runs.append(.init(
          runId: run.runID, status: run.status.rawValue, published: run.runID == published, policy: run.policyName,
          manifest: run.manifestSHA256 == nil ? nil : "manifests/\(run.runID).dsse.json",
          tables: Self.tableRows(mine), files: held.sorted(),
          movements: rows ? Self.movementLines(mine, paths: paths) : nil))
      }
    }
    let withdrawals = try audit.withdrawals().filter { $0.keyID == keyID && pseudonyms.contains($0.pseudonym) }
      .map { TraceReport.WithdrawalInfo(pseudonym: $0.pseudonym, asOf: $0.asOf, recordedAt: $0.recordedAt) }
    return TraceReport(keyId: keyID, pseudonyms: pseudonyms, runs: runs, withdrawals: withdrawals)
  }

  /// A run's rows of a customer by table, from the customer's ranges: admitted rows count the
  /// distinct destination lines they cover (a machine-learning row may have both parents of one
  /// customer), the others their movements. Tables and reasons in code order.
  static func tableRows(_ ranges: [MovementRange]) -> [TraceReport.TableRows] {
    let sorted = ranges.sorted { a, b in
      (a.destinationTable.code, a.reason.code, a.destinationFile ?? -1, a.destinationLine ?? -1)
        < (b.destinationTable.code, b.reason.code, b.destinationFile ?? -1, b.destinationLine ?? -1)
    }
    var tables: [TraceReport.TableRows] = []
    // The covered end of the last admitted range's file (sorted by file and first line: only the
    // part past it is new).
    var covered: (table: TableID, file: Int64, end: Int64)?
    for range in sorted {
      let table = range.destinationTable
      if tables.last?.table != table.rawValue {
        tables.append(.init(table: table.rawValue, admitted: 0, excluded: [:], quarantined: [:]))
      }
      let rows = Int64(range.rows)
      switch range.reason.decision {
      case .admitted:
        var added = rows
        if let file = range.destinationFile, let start = range.destinationLine {
          let previous = covered.flatMap { $0.table == table && $0.file == file ? $0.end : nil }
          if let previous { added = max(0, start + rows - max(start, previous)) }
          covered = (table, file, max(start + rows, previous ?? 0))
        }
        tables[tables.count - 1].admitted += added
      case .quarantined: tables[tables.count - 1].quarantined[range.reason.rawValue, default: 0] += rows
      case .excluded: tables[tables.count - 1].excluded[range.reason.rawValue, default: 0] += rows
      }
    }
    return tables
  }

  /// Every movement of a run's ranges of a customer, expanded (`MovementRange.forEachMovement`).
  static func movementLines(_ ranges: [MovementRange], paths: [Int64: FileRow]) -> [TraceReport.MovementLine] {
    var out: [TraceReport.MovementLine] = []
    for range in ranges {
      let source = paths[range.sourceFile]
      // The lines only: no digest is shown.
      range.forEachMovement(digest: { _, _ in Digest128(high: 0, low: 0) }) { movement in
        out.append(TraceReport.MovementLine(
          sourceZone: source?.zone.rawValue ?? "?", sourcePath: source?.path ?? "#\(range.sourceFile)",
          sourceLine: movement.sourceLine, table: movement.destinationTable.rawValue,
          decision: movement.reason.decision.rawValue, reason: movement.reason.rawValue,
          destinationPath: movement.destinationFile.map { paths[$0]?.path ?? "#\($0)" },
          destinationLine: movement.destinationLine))
      }
    }
    return out
  }
}
