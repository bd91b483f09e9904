/// What a landing-line decoder accepts beyond the built-in schema; set by the policy's `input`
/// section (`docs/policy-format.md`).
public struct LineDecodingOptions: Hashable, Sendable, Codable {
  /// How keys are matched to field names.
  public var keyMatch: KeyMatch

  public init(keyMatch: KeyMatch = .exact) {
    self.keyMatch = keyMatch
  }

  /// The built-in schema alone: exact keys.
  public static let standard = LineDecodingOptions()
}
