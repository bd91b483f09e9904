/// A validating, zero-copy scanner of one JSON text (a landing line) whose value must be an
/// object; it hands out the object's top-level members one at a time.
///
/// The whole text is validated against RFC 8259: UTF-8, string escapes (surrogates must pair),
/// the number grammar, nested arrays and objects (validated and skipped), and nothing but white
/// space after the closing brace. Keys and scalar values point into the text; nothing is copied
/// or allocated.
///
/// ```swift
/// var scanner = FlatJSONScanner(line)
/// while let member = try scanner.nextMember() {
///   // member.key, member.value
/// }
/// ```
/// `nextMember()` returns `nil` only after the whole text was validated, so a syntax error
/// anywhere in the line is reported even after members were handed out.
///
/// - Warning: The members point into `text`: use them only while that memory is valid.
public struct FlatJSONScanner {
  /// The deepest nesting of arrays and objects accepted, the top-level object included (the
  /// limit of Foundation's `JSONSerialization`).
  public static let maximumDepth = 512

  private enum State { case start, inObject, finished }

  let text: UnsafeRawBufferPointer
  var position = 0
  private var state = State.start

  /// A scanner of `text`, one JSON text without its line terminator.
  public init(_ text: UnsafeRawBufferPointer) {
    self.text = text
  }

  /// The next top-level member, or `nil` after the closing brace and trailing white space.
  ///
  /// - Throws: ``JSONScanError/malformed(offset:problem:)`` if the text is not valid JSON, or
  ///   ``JSONScanError/notAnObject`` if it is valid JSON but not an object. Don't call again after
  ///   an error.
  public mutating func nextMember() throws(JSONScanError) -> RawJSONMember? {
    switch state {
    case .finished:
      return nil
    case .start:
      skipWhitespace()
      guard position < text.count else { throw fail(.unexpectedEnd) }
      guard text[position] == UInt8(ascii: "{") else {
        _ = try scanValue(depth: 1)
        try finish()
        throw .notAnObject
      }
      position += 1
      skipWhitespace()
      if position < text.count, text[position] == UInt8(ascii: "}") {
        position += 1
        try finish()
        return nil
      }
      state = .inObject
    case .inObject:
      skipWhitespace()
      guard position < text.count else { throw fail(.unexpectedEnd) }
      switch text[position] {
      case UInt8(ascii: ","):
        position += 1
        skipWhitespace()
      case UInt8(ascii: "}"):
        position += 1
        try finish()
        return nil
      default:
        throw fail(.invalidObject)
      }
    }
    return try scanMember(depth: 1)
  }

  /// Validates `text` as a JSON object, discarding its members.
  ///
  /// - Throws: ``JSONScanError``, as ``nextMember()``.
  public static func validateObject(_ text: UnsafeRawBufferPointer) throws(JSONScanError) {
    var scanner = FlatJSONScanner(text)
    while try scanner.nextMember() != nil {}
  }

  /// Checks that only white space follows the top-level value.
  private mutating func finish() throws(JSONScanError) {
    skipWhitespace()
    guard position == text.count else { throw fail(.trailingContent) }
    state = .finished
  }

  /// Scans `"key": value` at `position`, in an object at nesting `depth`.
  private mutating func scanMember(depth: Int) throws(JSONScanError) -> RawJSONMember {
    guard position < text.count else { throw fail(.unexpectedEnd) }
    guard text[position] == UInt8(ascii: "\"") else { throw fail(.invalidObject) }
    let key = try scanString()
    skipWhitespace()
    guard position < text.count else { throw fail(.unexpectedEnd) }
    guard text[position] == UInt8(ascii: ":") else { throw fail(.invalidObject) }
    position += 1
    skipWhitespace()
    let value = try scanValue(depth: depth + 1)
    return RawJSONMember(key: key, value: value)
  }

  /// Scans one value at `position`; an array or object there would be at nesting `depth`.
  private mutating func scanValue(depth: Int) throws(JSONScanError) -> RawJSONValue {
    guard position < text.count else { throw fail(.unexpectedEnd) }
    switch text[position] {
    case UInt8(ascii: "\""):
      return .string(try scanString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .number(try scanNumber())
    case UInt8(ascii: "{"):
      try skipObject(depth: depth)
      return .object
    case UInt8(ascii: "["):
      try skipArray(depth: depth)
      return .array
    case UInt8(ascii: "t"):
      try scanLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try scanLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try scanLiteral("null")
      return .null
    default:
      throw fail(.unexpectedByte)
    }
  }

  /// Validates and skips the object at `position`, at nesting `depth`.
  private mutating func skipObject(depth: Int) throws(JSONScanError) {
    guard depth <= Self.maximumDepth else { throw fail(.tooDeep) }
    position += 1
    skipWhitespace()
    if position < text.count, text[position] == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      _ = try scanMember(depth: depth)
      skipWhitespace()
      guard position < text.count else { throw fail(.unexpectedEnd) }
      switch text[position] {
      case UInt8(ascii: ","):
        position += 1
        skipWhitespace()
      case UInt8(ascii: "}"):
        position += 1
        return
      default:
        throw fail(.invalidObject)
      }
    }
  }

  /// Validates and skips the array at `position`, at nesting `depth`.
  private mutating func skipArray(depth: Int) throws(JSONScanError) {
    guard depth <= Self.maximumDepth else { throw fail(.tooDeep) }
    position += 1
    skipWhitespace()
    if position < text.count, text[position] == UInt8(ascii: "]") {
      position += 1
      return
    }
    while true {
      _ = try scanValue(depth: depth + 1)
      skipWhitespace()
      guard position < text.count else { throw fail(.unexpectedEnd) }
      switch text[position] {
      case UInt8(ascii: ","):
        position += 1
        skipWhitespace()
      case UInt8(ascii: "]"):
        position += 1
        return
      default:
        throw fail(.invalidArray)
      }
    }
  }

  /// Scans `literal` (`true`, `false` or `null`) at `position`.
  private mutating func scanLiteral(_ literal: StaticString) throws(JSONScanError) {
    let count = literal.utf8CodeUnitCount
    let start = literal.utf8Start
    for offset in 0..<count {
      guard position < text.count else { throw fail(.unexpectedEnd) }
      guard text[position] == start[offset] else { throw fail(.invalidLiteral) }
      position += 1
    }
  }

  /// Skips JSON white space (space, tab, line feed, carriage return).
  mutating func skipWhitespace() {
    while position < text.count {
      switch text[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  /// The error for `problem` at the current position.
  func fail(_ problem: JSONSyntaxProblem) -> JSONScanError {
    .malformed(offset: position, problem: problem)
  }
}
