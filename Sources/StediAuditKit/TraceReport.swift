/// Everything the audit log knows about one customer, by pseudonym: a data-subject access answer.
public struct TraceReport: Hashable, Sendable, Codable {
  public struct TableRows: Hashable, Sendable, Codable {
    public var table: String
    /// Rows of the table holding the customer's data (a machine-learning row counts once, though
    /// it has two parents).
    public var admitted: Int64
    public var excluded: [String: Int64]
    public var quarantined: [String: Int64]
  }

  /// One movement of the customer's rows (`trace --rows`): a source line, where it went, why.
  public struct MovementLine: Hashable, Sendable, Codable {
    public var sourceZone: String
    public var sourcePath: String
    public var sourceLine: Int64
    public var table: String
    public var decision: String
    public var reason: String
    /// The output (or quarantine) file and line; absent for an excluded row.
    public var destinationPath: String?
    public var destinationLine: Int64?
  }

  public struct RunTrace: Hashable, Sendable, Codable {
    public var runId: String
    public var status: String
    public var published: Bool
    public var policy: String
    public var manifest: String?
    public var tables: [TableRows]
    /// Files that hold an admitted row of the customer.
    public var files: [String]
    /// Every movement of the customer's rows in this run, with `trace --rows`.
    public var movements: [MovementLine]?
  }

  public struct WithdrawalInfo: Hashable, Sendable, Codable {
    public var pseudonym: String
    public var asOf: Int64
    public var recordedAt: Int64
  }

  public var keyId: String
  /// The customer's pseudonyms under the workspace key (one per email form the policies used).
  public var pseudonyms: [String]
  public var runs: [RunTrace]
  public var withdrawals: [WithdrawalInfo]

  /// Tables of the published run that hold admitted rows of the customer.
  public var publishedTables: [TableRows] {
    runs.first { $0.published }?.tables.filter { $0.admitted > 0 } ?? []
  }

  public func renderText() -> String {
    var out = ["customer pseudonym(s): \(pseudonyms.joined(separator: ", ")) (key \(keyId))"]
    if runs.isEmpty { out.append("the audit log holds no row of this customer") }
    for run in runs {
      out.append("")
      out.append("run \(run.runId) (\(run.published ? "published now" : run.status), policy \(run.policy))\(run.manifest.map { "  manifest \($0)" } ?? "")")
      for table in run.tables {
        var parts = ["admitted \(table.admitted)"]
        parts += table.excluded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        parts += table.quarantined.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        out.append("  \(table.table): \(parts.joined(separator: ", "))")
      }
      for file in run.files { out.append("  holds admitted rows: \(file)") }
      for line in run.movements ?? [] {
        let destination = line.destinationPath.map { path in " at \(path)\(line.destinationLine.map { ":\($0)" } ?? "")" } ?? ""
        let source = line.sourceZone == "landing" ? "landing \(line.sourcePath)" : line.sourcePath
        out.append("  \(source):\(line.sourceLine) -> \(line.table) \(line.reason)\(destination)")
      }
    }
    for withdrawal in withdrawals {
      out.append("")
      out.append("consent withdrawn: pseudonym \(withdrawal.pseudonym), as of \(withdrawal.asOf) (epoch ms), recorded \(withdrawal.recordedAt)")
    }
    let published = publishedTables
    out.append("")
    out.append(published.isEmpty
      ? "the published tables hold no row of this customer"
      : "the published tables hold rows of this customer in: \(published.map(\.table).joined(separator: ", "))")
    return out.joined(separator: "\n")
  }
}
