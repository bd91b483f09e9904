/// Why a landing line could not be turned into a record. Never carries a field's value.
public struct RowError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `.malformed` or `.schemaViolation`.
  public var reason: ReasonCode
  /// The field at fault, when there is one.
  public var field: String?
  /// What is wrong, without the offending value (for example "expected a number").
  public var detail: String

  public init(_ reason: ReasonCode, field: String? = nil, detail: String) {
    self.reason = reason
    self.field = field
    self.detail = detail
  }

  public var description: String {
    if let field { return "\(reason.rawValue): field '\(field)': \(detail)" }
    return "\(reason.rawValue): \(detail)"
  }
}
