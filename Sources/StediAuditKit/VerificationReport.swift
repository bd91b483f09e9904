/// The result of `verify`: one entry per check, with what differs when it fails.
public struct VerificationReport: Hashable, Sendable, Codable {
  public struct Check: Hashable, Sendable, Codable {
    /// What a check is about, stable across versions (its `name` is for people).
    public enum ID: String, Hashable, Sendable, Codable, CaseIterable {
      case eventChain = "event-chain"
      case manifestSignatures = "manifest-signatures"
      case manifestChain = "manifest-chain"
      case merkleRoot = "merkle-root"
      case conservation
      case publishedFiles = "published-files"
      case curatedLineage = "curated-lineage"
      case expectedHead = "expected-head"
    }

    public var id: ID
    public var name: String
    public var passed: Bool
    /// What was checked (on success) or exactly what differs (on failure), one line each.
    public var details: [String]
  }

  /// The key `verify` trusted and where it came from.
  public struct Trust: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Source: String, Hashable, Sendable, Codable {
      /// `--public-key FILE`: pinned by the verifier.
      case publicKeyFile = "public-key"
      /// `WORKSPACE/keys/signing.pub.pem`: whatever the workspace holds.
      case workspace
    }

    public var keyId: String
    public var source: Source
    /// The PEM file read.
    public var path: String

    public init(keyId: String, source: Source, path: String) {
      self.keyId = keyId
      self.source = source
      self.path = path
    }

    public var description: String {
      switch source {
      case .publicKeyFile: "--public-key \(path)"
      case .workspace: "the workspace's own key \(path), not pinned"
      }
    }
  }

  public var workspace: String
  /// The key ids trusted to sign manifests, and where they came from.
  public var trustedKeys: [String]
  public var keySource: String
  /// The key trusted, and where it came from (nil in reports of earlier versions).
  public var trust: Trust?
  /// What the verifier should know though no check failed, e.g. that it trusted the
  /// workspace's own key.
  public var warnings: [String] = []
  /// The audit chain's head (`sha256:` and 64 hex digits): the hash of its last event.
  public var auditHead: String?
  /// The head given with `--expect-head`, if any.
  public var expectedHead: String?
  public var publishedRun: String?
  public var checks: [Check]

  public var passed: Bool { checks.allSatisfy(\.passed) }

  enum CodingKeys: String, CodingKey {
    case workspace, trustedKeys, keySource, trust, warnings, auditHead, expectedHead, publishedRun, checks, passed
  }

  public init(workspace: String, trustedKeys: [String], keySource: String, publishedRun: String?, checks: [Check]) {
    self.workspace = workspace
    self.trustedKeys = trustedKeys
    self.keySource = keySource
    self.publishedRun = publishedRun
    self.checks = checks
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    workspace = try container.decode(String.self, forKey: .workspace)
    trustedKeys = try container.decode([String].self, forKey: .trustedKeys)
    keySource = try container.decode(String.self, forKey: .keySource)
    trust = try container.decodeIfPresent(Trust.self, forKey: .trust)
    warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
    auditHead = try container.decodeIfPresent(String.self, forKey: .auditHead)
    expectedHead = try container.decodeIfPresent(String.self, forKey: .expectedHead)
    publishedRun = try container.decodeIfPresent(String.self, forKey: .publishedRun)
    checks = try container.decode([Check].self, forKey: .checks)
  }

  /// Encodes the members and `passed`, the overall verdict (derived from the checks).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(workspace, forKey: .workspace)
    try container.encode(trustedKeys, forKey: .trustedKeys)
    try container.encode(keySource, forKey: .keySource)
    try container.encodeIfPresent(trust, forKey: .trust)
    try container.encode(warnings, forKey: .warnings)
    try container.encodeIfPresent(auditHead, forKey: .auditHead)
    try container.encodeIfPresent(expectedHead, forKey: .expectedHead)
    try container.encodeIfPresent(publishedRun, forKey: .publishedRun)
    try container.encode(checks, forKey: .checks)
    try container.encode(passed, forKey: .passed)
  }

  /// The report for a terminal: ✓ or ✗ per check, then the details of failed checks.
  public func renderText() -> String {
    var out = ["verify \(workspace)", "trusted signing keys: \(trustedKeys.joined(separator: ", ")) (\(keySource))"]
    for warning in warnings { out.append("warning: \(warning)") }
    if let publishedRun { out.append("published run: \(publishedRun)") }
    if let auditHead { out.append("audit head: \(auditHead)") }
    for check in checks {
      out.append("\(check.passed ? "✓" : "✗") \(check.name)")
      let shown = check.passed ? Array(check.details.prefix(1)) : Array(check.details.prefix(20))
      for line in shown { out.append("    \(line)") }
      if !check.passed, check.details.count > 20 { out.append("    … and \(check.details.count - 20) more") }
    }
    out.append(passed ? "verified: all checks passed" : "NOT VERIFIED: \(checks.filter { !$0.passed }.count) checks failed")
    return out.joined(separator: "\n")
  }
}
