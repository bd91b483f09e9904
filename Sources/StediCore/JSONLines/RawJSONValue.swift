/// A value found by ``FlatJSONScanner``: scalars point into the text, nested values were
/// validated and skipped.
///
/// - Warning: Points into the scanned text: valid only while that memory is.
public enum RawJSONValue {
  case null
  case bool(Bool)
  case number(RawJSONNumber)
  case string(RawJSONString)
  /// A valid array, skipped.
  case array
  /// A valid object, skipped.
  case object

  /// A short name of the value's kind for messages ("a string", "null"); never the value.
  public var kindDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
