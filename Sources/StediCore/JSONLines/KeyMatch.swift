/// How landing keys are matched to field names.
public enum KeyMatch: String, Hashable, Sendable, Codable, CaseIterable {
  /// A key names a field only when it is spelled exactly as the field (`serialNumber`).
  case exact
  /// A key that differs from a field's name only in ASCII case (`serialnumber`, as catalogues
  /// that lower-case column names write it) names that field; each such key is counted as the
  /// coercion ``Coercion/keyCase``.
  case caseInsensitive = "case_insensitive"
}
