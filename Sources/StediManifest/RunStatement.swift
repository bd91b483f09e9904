/// An in-toto Statement v1 whose predicate is a `RunPredicate`.
/// See https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md
public struct RunStatement: Codable, Hashable, Sendable {
  public static let type = "https://in-toto.io/Statement/v1"
  /// The DSSE payload type of in-toto statements.
  public static let payloadType = "application/vnd.in-toto+json"

  public var type: String
  public var subject: [Subject]
  public var predicateType: String
  public var predicate: RunPredicate

  /// An artifact the statement is about: an output file and its digest.
  public struct Subject: Codable, Hashable, Sendable {
    /// The path relative to the workspace, e.g. `curated/customer_curated/part-00000.jsonl`.
    public var name: String
    /// `["sha256": hex]`.
    public var digest: [String: String]

    public init(name: String, sha256: String) {
      self.name = name
      digest = ["sha256": sha256]
    }
  }

  public init(subject: [Subject], predicate: RunPredicate) {
    type = Self.type
    self.subject = subject
    predicateType = RunPredicate.type
    self.predicate = predicate
  }

  enum CodingKeys: String, CodingKey {
    case type = "_type"
    case subject, predicateType, predicate
  }
}
