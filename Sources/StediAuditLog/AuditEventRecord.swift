import Foundation

/// The kinds of event the audit log's hash chain holds.
public enum AuditEventKind: String, Codable, Sendable, CaseIterable {
  case runStarted = "run_started"
  case runCommitted = "run_committed"
  case manifestSigned = "manifest_signed"
  case runPublished = "run_published"
  case runFailed = "run_failed"
  case runPruned = "run_pruned"
  case consentWithdrawn = "consent_withdrawn"
}

/// An event of the hash chain with its typed body: what callers append and what readers decode.
/// A body is JSON with sorted keys (the form the chain hashes); it holds digests, counts, key
/// ids and pseudonyms, never an identity.
public enum AuditEventRecord: Hashable, Sendable {
  case runStarted(RunStarted)
  case runCommitted(RunCommitted)
  case manifestSigned(ManifestSigned)
  case runPublished
  case runFailed
  case runPruned(RunPruned)
  case consentWithdrawn(ConsentWithdrawn)

  public struct RunStarted: Codable, Hashable, Sendable {
    public var policySha256: String
    public init(policySha256: String) { self.policySha256 = policySha256 }
  }

  public struct RunCommitted: Codable, Hashable, Sendable {
    public var merkleRoot: String
    public var movements: Int64
    public init(merkleRoot: String, movements: Int64) {
      self.merkleRoot = merkleRoot
      self.movements = movements
    }
  }

  public struct ManifestSigned: Codable, Hashable, Sendable {
    public var sha256: String
    /// Absent in events written before signing keys had ids.
    public var signingKeyId: String?
    public init(sha256: String, signingKeyId: String?) {
      self.sha256 = sha256
      self.signingKeyId = signingKeyId
    }
  }

  /// A run whose movements were dropped keeps its commitment here.
  public struct RunPruned: Codable, Hashable, Sendable {
    public var manifestSha256: String
    public var merkleRoot: String
    public var movements: Int64
    public init(manifestSha256: String, merkleRoot: String, movements: Int64) {
      self.manifestSha256 = manifestSha256
      self.merkleRoot = merkleRoot
      self.movements = movements
    }
  }

  public struct ConsentWithdrawn: Codable, Hashable, Sendable {
    public var asOf: Int64
    public var keyId: String
    public var pseudonym: String
    public init(asOf: Int64, keyId: String, pseudonym: String) {
      self.asOf = asOf
      self.keyId = keyId
      self.pseudonym = pseudonym
    }
  }

  private struct Empty: Codable {}

  public var kind: AuditEventKind {
    switch self {
    case .runStarted: .runStarted
    case .runCommitted: .runCommitted
    case .manifestSigned: .manifestSigned
    case .runPublished: .runPublished
    case .runFailed: .runFailed
    case .runPruned: .runPruned
    case .consentWithdrawn: .consentWithdrawn
    }
  }

  /// The body as the chain stores and hashes it.
  public var body: String {
    let data: Data?
    switch self {
    case .runStarted(let body): data = Self.encode(body)
    case .runCommitted(let body): data = Self.encode(body)
    case .manifestSigned(let body): data = Self.encode(body)
    case .runPublished, .runFailed: data = Self.encode(Empty())
    case .runPruned(let body): data = Self.encode(body)
    case .consentWithdrawn(let body): data = Self.encode(body)
    }
    // Encoding these flat structs of strings and integers cannot fail.
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// Decodes a stored event; nil if its kind is unknown or its body is not that kind's.
  public init?(kind: String, body: String) {
    guard let kind = AuditEventKind(rawValue: kind) else { return nil }
    let data = Data(body.utf8)
    let record: AuditEventRecord? =
      switch kind {
      case .runStarted: Self.decode(data).map(Self.runStarted)
      case .runCommitted: Self.decode(data).map(Self.runCommitted)
      case .manifestSigned: Self.decode(data).map(Self.manifestSigned)
      case .runPublished: .runPublished
      case .runFailed: .runFailed
      case .runPruned: Self.decode(data).map(Self.runPruned)
      case .consentWithdrawn: Self.decode(data).map(Self.consentWithdrawn)
      }
    guard let record else { return nil }
    self = record
  }

  private static func encode(_ value: some Encodable) -> Data? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try? encoder.encode(value)
  }

  private static func decode<T: Decodable>(_ data: Data) -> T? {
    try? JSONDecoder().decode(T.self, from: data)
  }
}
