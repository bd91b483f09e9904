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

  public init(
    workspace: URL, email: String? = nil, customerId: String? = nil, keysDirectory: URL? = nil,
    allowInsecureKeys: Bool = false, environment: [String: String] = [:]
  ) {
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
    return try trace(audit: snapshot.audit, published: snapshot.publishedRunID, keyID: key.keyID, pseudonyms: pseudonyms)
  }

  static func trace(audit: AuditLog, published: String?, keyID: String, pseudonyms: [String]) throws -> TraceReport {
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
      let counts = try audit.rows("""
        SELECT m.run, t.name, rs.name, rs.decision,
          CASE WHEN m.reason = 0 THEN count(DISTINCT (m.dst_file << 40) | m.dst_line) ELSE count(*) END
        FROM movement m
        JOIN table_ref t ON t.code = m.dst_table JOIN reason rs ON rs.code = m.reason
        WHERE m.subject IN (\(ids)) GROUP BY m.run, t.code, rs.code ORDER BY m.run, t.code, rs.code
        """, binding: bound)
      let files = try audit.rows("""
        SELECT DISTINCT m.run, f.path FROM movement m JOIN file f ON f.id = m.dst_file
        WHERE m.subject IN (\(ids)) AND m.reason = 0 ORDER BY m.run, f.path
        """, binding: bound)
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
          files: files.filter { $0[0] == id }.compactMap { $0[1] }))
      }
    }
    let withdrawals = try audit.withdrawals().filter { $0.keyID == keyID && pseudonyms.contains($0.pseudonym) }
      .map { TraceReport.WithdrawalInfo(pseudonym: $0.pseudonym, asOf: $0.asOf, recordedAt: $0.recordedAt) }
    return TraceReport(keyId: keyID, pseudonyms: pseudonyms, runs: runs, withdrawals: withdrawals)
  }
}
