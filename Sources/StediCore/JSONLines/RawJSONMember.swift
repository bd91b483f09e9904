/// One top-level member of an object, as found by ``FlatJSONScanner``.
///
/// - Warning: Points into the scanned text: valid only while that memory is.
public struct RawJSONMember {
  /// The member's key.
  public let key: RawJSONString
  /// The member's value.
  public let value: RawJSONValue
}
