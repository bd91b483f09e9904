public import Foundation
import StediAuditLog
import StediCore
import StediCuration
import StediKeys
import StediPolicy
import StediZones

/// What `stedi-audit check` asks for: a workspace, or curated files of another tool.
public struct CheckRequest: Sendable {
  public var workspace: URL?
  /// External mode: the landing data and the other tool's output directory, holding
  /// `<table>/` directories of JSON-lines files (e.g. `machine_learning_curated/`).
  public var landing: URL?
  public var curated: URL?
  /// Policy for external mode (workspace mode uses each run's own policy).
  public var profile: String
  public var policyFile: URL?
  /// Key folder: resolves `customerId` pseudonyms and names violators by pseudonym. Workspace
  /// mode uses the default one (`environment`) if not given; external mode only this one.
  public var keysDirectory: URL?
  public var publicKey: URL?
  /// A head recorded outside the workspace; see `VerifyRequest.expectHead`.
  public var expectHead: String?
  public var allowInsecureKeys: Bool
  /// Where the default key folder is looked up; see `RunRequest.environment`.
  public var environment: [String: String]

  public init(
    workspace: URL? = nil, landing: URL? = nil, curated: URL? = nil, profile: String = Toolkit.defaultProfile,
    policyFile: URL? = nil, keysDirectory: URL? = nil, publicKey: URL? = nil, expectHead: String? = nil,
    allowInsecureKeys: Bool = false, environment: [String: String] = [:]
  ) {
    self.expectHead = expectHead
    self.allowInsecureKeys = allowInsecureKeys
    self.environment = environment
    self.workspace = workspace
    self.landing = landing
    self.curated = curated
    self.profile = profile
    self.policyFile = policyFile
    self.keysDirectory = keysDirectory
    self.publicKey = publicKey
  }
}

extension Toolkit {
  /// `stedi-audit check`: the CI gate.
  public static func check(_ request: CheckRequest) throws -> CheckReport {
    if let workspace = request.workspace { return try checkWorkspace(workspace, request) }
    guard let landing = request.landing, let curated = request.curated else {
      throw ToolkitError.invalid("give --workspace, or --landing and --curated")
    }
    try PathCheck.input(landing, .directory, "landing directory")
    try PathCheck.input(curated, .directory, "curated directory")
    if let keys = request.keysDirectory { try PathCheck.input(keys, .directory, "key directory") }
    let policy = try policy(profile: request.profile, file: request.policyFile)
    let pseudonymizer = try request.keysDirectory.map { Pseudonymizer(key: try KeyStore(directory: $0, allowInsecure: request.allowInsecureKeys).pseudonymKey(createIfMissing: false).0) }
    let auditor = try ConsentAuditor(policy: policy, landing: try LandingSet(root: landing), pseudonymizer: pseudonymizer, withdrawn: [])
    var violations: [CheckViolation] = []
    var rows: [String: Int64] = [:]
    var skipped: [ExternalTableFiles.Skipped] = []
    let manager = FileManager.default
    guard let tables = try? manager.contentsOfDirectory(atPath: curated.path) else {
      throw ToolkitError.noInput("\(curated.path): curated directory not found")
    }
    for table in tables.sorted() where !table.hasPrefix(".") && !table.hasPrefix("_") {
      let directory = curated.appendingPathComponent(table)
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
      let found = ExternalTableFiles(table: table, directory: directory)
      skipped += found.skipped
      for file in found.files {
        rows[table, default: 0] += try auditor.audit(
          table: table, file: file.url, encoding: file.encoding, displayPath: file.displayPath, into: &violations)
      }
    }
    let sideFiles = skipped.filter { $0.why.hasPrefix("a job marker") || $0.why.hasPrefix("a hidden") }.count
    let others = skipped.filter { !($0.why.hasPrefix("a job marker") || $0.why.hasPrefix("a hidden")) }
    if rows.isEmpty {
      let seen = others.prefix(3).map { "\($0.path): \($0.why)" }.joined(separator: "; ")
      throw ToolkitError.noInput(
        "\(curated.path): no JSON-lines data files under <table>/ directories"
          + (others.isEmpty ? "" : " (skipped \(others.count): \(seen)\(others.count > 3 ? "; …" : ""))")
          + (sideFiles > 0 ? "; \(sideFiles) marker, hidden or checksum files ignored" : ""))
    }
    var notes = ["external files carry no lineage: only consent and attribution were checked" + (pseudonymizer == nil ? "; without --keys, customerId columns can't be resolved and violators are not named" : "")]
    if sideFiles > 0 { notes.append("ignored \(sideFiles) marker, hidden or checksum files (_SUCCESS, .crc, _temporary/)") }
    for file in others.prefix(20) { notes.append("skipped \(file.path): \(file.why)") }
    if others.count > 20 { notes.append("skipped \(others.count - 20) more files (see --json)") }
    var report = CheckReport(
      mode: "external", policy: policy.name, verification: nil, rowsChecked: rows, violations: violations, notes: notes)
    report.skippedFiles = others.map { CheckReport.SkippedFile(path: $0.path, reason: $0.why) }
    return report
  }

  static func checkWorkspace(_ root: URL, _ request: CheckRequest) throws -> CheckReport {
    if let keys = request.keysDirectory { try PathCheck.input(keys, .directory, "key directory") }
    if let landing = request.landing {
      try PathCheck.input(landing, .directory, "landing directory")
    }
    let workspace = Workspace(root: root)
    let snapshot = try ReaderSnapshot(workspace)
    let verification = try verify(VerifyRequest(
      workspace: root, publicKey: request.publicKey, expectHead: request.expectHead,
      allowInsecureKeys: request.allowInsecureKeys), snapshot: snapshot)
    let (published, policy, summary) = try publishedRun(snapshot)
    let audit = snapshot.audit
    let access = try KeyAccess.resolve(
      folder: request.keysDirectory, workspace: workspace, allowInsecure: request.allowInsecureKeys,
      environment: request.environment)
    let key = try access.secrets.pseudonymKey(createIfMissing: false).0
    let withdrawn = Set(try audit.withdrawals().filter { $0.keyID == key.keyID }.map(\.pseudonym))
    let landing = request.landing ?? URL(fileURLWithPath: summary.landing)
    let auditor = try ConsentAuditor(
      policy: policy, landing: try LandingSet(root: landing), pseudonymizer: Pseudonymizer(key: key), withdrawn: withdrawn)
    var violations: [CheckViolation] = []
    var rows: [String: Int64] = [:]
    for output in summary.outputs where output.zone != .quarantine {
      let file = workspace.runDirectory(published).appendingPathComponent(output.path)
      rows[output.table.rawValue, default: 0] += try auditor.audit(
        table: output.table.rawValue, file: file, encoding: .of(path: file.path), displayPath: output.path,
        into: &violations)
    }
    if let lineage = verification.checks.first(where: { $0.id == .curatedLineage }), !lineage.passed {
      // The details (table and line of each row) are printed with the verification failures.
      for _ in lineage.details {
        violations.append(CheckViolation(table: "lineage", file: "-", line: 0, reason: "missing_lineage", pseudonym: "-"))
      }
    }
    return CheckReport(
      mode: "workspace", policy: policy.name, verification: verification, rowsChecked: rows,
      violations: violations, notes: [])
  }
}
