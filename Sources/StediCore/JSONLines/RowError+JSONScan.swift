extension RowError {
  /// The row error of a line the scanner rejected: `malformed`, or `schema_violation` for a
  /// value that is not an object. Names a byte offset, never the line's content.
  init(_ error: JSONScanError) {
    switch error {
    case .malformed:
      self.init(.malformed, detail: error.description)
    case .notAnObject:
      self.init(.schemaViolation, detail: "the line is not a JSON object")
    }
  }

  /// A required field is absent.
  static func missing(_ field: String) -> RowError {
    RowError(.schemaViolation, field: field, detail: "required field is missing")
  }

  /// A field appears twice.
  static func duplicate(_ field: String) -> RowError {
    RowError(.schemaViolation, field: field, detail: "the key appears more than once")
  }

  /// An unknown key appears twice; its name comes from the data, so it is not given.
  static let duplicateUnknownKey = RowError(
    .schemaViolation, detail: "an unknown key appears more than once")
}
