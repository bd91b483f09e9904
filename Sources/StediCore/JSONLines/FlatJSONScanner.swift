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
  /// `text.count`, kept apart: `UnsafeRawBufferPointer.count` checks for a nil base address.
  let count: Int
  private var position = 0
  private var state = State.start

  /// A scanner of `text`, one JSON text without its line terminator.
  public init(_ text: UnsafeRawBufferPointer) {
    self.text = text
    count = text.count
  }

  /// The next top-level member, or `nil` after the closing brace and trailing white space.
  ///
  /// - Throws: ``JSONScanError/malformed(offset:problem:)`` if the text is not valid JSON, or
  ///   ``JSONScanError/notAnObject`` if it is valid JSON but not an object. Calling again after
  ///   an error throws it again.
  @inline(__always)
  public mutating func nextMember() throws(JSONScanError) -> RawJSONMember? {
    var index = position
    switch state {
    case .finished:
      return nil
    case .inObject:
      index = skipWhitespace(from: index)
      guard index < count else { throw fail(.unexpectedEnd, at: index) }
      switch text[index] {
      case JSONByte.comma:
        index = skipWhitespace(from: index + 1)
      case JSONByte.closeBrace:
        try finish(from: index + 1)
        return nil
      default:
        throw fail(.invalidObject, at: index)
      }
    case .start:
      index = skipWhitespace(from: index)
      guard index < count else { throw fail(.unexpectedEnd, at: index) }
      guard text[index] == JSONByte.openBrace else {
        let (_, end) = try scanValue(from: index, depth: 1)
        try finish(from: end)
        throw .notAnObject
      }
      index = skipWhitespace(from: index + 1)
      if index < count, text[index] == JSONByte.closeBrace {
        try finish(from: index + 1)
        return nil
      }
    }
    let (member, end) = try scanMember(from: index, depth: 1)
    position = end
    state = .inObject
    return member
  }

  /// Validates `text` as a JSON object, discarding its members.
  ///
  /// - Throws: ``JSONScanError``, as ``nextMember()``.
  public static func validateObject(_ text: UnsafeRawBufferPointer) throws(JSONScanError) {
    var scanner = FlatJSONScanner(text)
    while try scanner.nextMember() != nil {}
  }

  /// Checks that only white space follows the top-level value, which ends at `index`.
  private mutating func finish(from index: Int) throws(JSONScanError) {
    let end = skipWhitespace(from: index)
    guard end == count else { throw fail(.trailingContent, at: end) }
    position = end
    state = .finished
  }

  /// Scans `"key": value` at `index`, in an object at nesting `depth`; returns the member and
  /// the index after it.
  @inline(__always)
  private func scanMember(
    from index: Int, depth: Int
  ) throws(JSONScanError) -> (RawJSONMember, Int) {
    guard index < count else { throw fail(.unexpectedEnd, at: index) }
    guard text[index] == JSONByte.quote else { throw fail(.invalidObject, at: index) }
    let (key, keyEnd) = try scanString(from: index)
    var valueStart = skipWhitespace(from: keyEnd)
    guard valueStart < count else { throw fail(.unexpectedEnd, at: valueStart) }
    guard text[valueStart] == JSONByte.colon else { throw fail(.invalidObject, at: valueStart) }
    valueStart = skipWhitespace(from: valueStart + 1)
    guard valueStart < count else { throw fail(.unexpectedEnd, at: valueStart) }
    // Strings and numbers inline: the common values of landing lines.
    switch text[valueStart] {
    case JSONByte.quote:
      let (string, end) = try scanString(from: valueStart)
      return (RawJSONMember(key: key, value: .string(string)), end)
    case JSONByte.minus, JSONByte.zero...JSONByte.nine:
      let (number, end) = try scanNumber(from: valueStart)
      return (RawJSONMember(key: key, value: .number(number)), end)
    default:
      let (value, end) = try scanValue(from: valueStart, depth: depth + 1)
      return (RawJSONMember(key: key, value: value), end)
    }
  }

  /// Scans one value at `index`; an array or object there would be at nesting `depth`. Returns
  /// the value and the index after it.
  private func scanValue(
    from index: Int, depth: Int
  ) throws(JSONScanError) -> (RawJSONValue, Int) {
    guard index < count else { throw fail(.unexpectedEnd, at: index) }
    switch text[index] {
    case JSONByte.quote:
      let (string, end) = try scanString(from: index)
      return (.string(string), end)
    case JSONByte.minus, JSONByte.zero...JSONByte.nine:
      let (number, end) = try scanNumber(from: index)
      return (.number(number), end)
    case JSONByte.openBrace:
      return (.object, try skipObject(from: index, depth: depth))
    case JSONByte.openBracket:
      return (.array, try skipArray(from: index, depth: depth))
    case UInt8(ascii: "t"):
      return (.bool(true), try scanLiteral("true", from: index))
    case UInt8(ascii: "f"):
      return (.bool(false), try scanLiteral("false", from: index))
    case UInt8(ascii: "n"):
      return (.null, try scanLiteral("null", from: index))
    default:
      throw fail(.unexpectedByte, at: index)
    }
  }

  /// Validates the object at `index`, at nesting `depth`; returns the index after it.
  private func skipObject(from index: Int, depth: Int) throws(JSONScanError) -> Int {
    guard depth <= Self.maximumDepth else { throw fail(.tooDeep, at: index) }
    var next = skipWhitespace(from: index + 1)
    if next < count, text[next] == JSONByte.closeBrace { return next + 1 }
    while true {
      (_, next) = try scanMember(from: next, depth: depth)
      next = skipWhitespace(from: next)
      guard next < count else { throw fail(.unexpectedEnd, at: next) }
      switch text[next] {
      case JSONByte.comma: next = skipWhitespace(from: next + 1)
      case JSONByte.closeBrace: return next + 1
      default: throw fail(.invalidObject, at: next)
      }
    }
  }

  /// Validates the array at `index`, at nesting `depth`; returns the index after it.
  private func skipArray(from index: Int, depth: Int) throws(JSONScanError) -> Int {
    guard depth <= Self.maximumDepth else { throw fail(.tooDeep, at: index) }
    var next = skipWhitespace(from: index + 1)
    if next < count, text[next] == JSONByte.closeBracket { return next + 1 }
    while true {
      (_, next) = try scanValue(from: next, depth: depth + 1)
      next = skipWhitespace(from: next)
      guard next < count else { throw fail(.unexpectedEnd, at: next) }
      switch text[next] {
      case JSONByte.comma: next = skipWhitespace(from: next + 1)
      case JSONByte.closeBracket: return next + 1
      default: throw fail(.invalidArray, at: next)
      }
    }
  }

  /// Scans `literal` (`true`, `false` or `null`) at `index`; returns the index after it.
  private func scanLiteral(_ literal: StaticString, from index: Int) throws(JSONScanError) -> Int {
    let start = literal.utf8Start
    for offset in 0..<literal.utf8CodeUnitCount {
      guard index + offset < count else { throw fail(.unexpectedEnd, at: index + offset) }
      guard text[index + offset] == start[offset] else {
        throw fail(.invalidLiteral, at: index + offset)
      }
    }
    return index + literal.utf8CodeUnitCount
  }

  /// The index of the first byte from `index` on that is not JSON white space (space, tab, line
  /// feed, carriage return).
  @inline(__always)
  func skipWhitespace(from index: Int) -> Int {
    var index = index
    while index < count {
      let byte = text[index]
      guard byte <= JSONByte.space,
        byte == JSONByte.space || byte == 0x09 || byte == 0x0A || byte == 0x0D
      else { return index }
      index += 1
    }
    return index
  }

  /// The error for `problem` at `index`.
  func fail(_ problem: JSONSyntaxProblem, at index: Int) -> JSONScanError {
    .malformed(offset: index, problem: problem)
  }
}
