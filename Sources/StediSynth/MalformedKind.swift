/// A line that is not JSON: quarantined as `malformed`.
enum MalformedKind: UInt8, Hashable, Sendable, CaseIterable {
  /// A valid line cut short.
  case truncated
  /// Bytes that are no JSON at all.
  case garbage
  /// A line with bytes that are not valid UTF-8.
  case invalidUTF8

  var plantedName: String {
    switch self {
    case .truncated: "malformed_truncated"
    case .garbage: "malformed_garbage"
    case .invalidUTF8: "malformed_invalid_utf8"
    }
  }
}
