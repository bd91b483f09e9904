/// Why ``FlatJSONScanner`` rejected a text.
public enum JSONScanError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The text is not valid JSON (RFC 8259) or not valid UTF-8; `offset` is the 0-based byte
  /// offset where the problem was found.
  case malformed(offset: Int, problem: JSONSyntaxProblem)
  /// The text is valid JSON, but its value is not an object.
  case notAnObject

  public var description: String {
    switch self {
    case .malformed(let offset, let problem): "invalid JSON at byte \(offset + 1): \(problem)"
    case .notAnObject: "the JSON value is not an object"
    }
  }
}
