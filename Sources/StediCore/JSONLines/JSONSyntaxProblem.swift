/// What is wrong with a text that is not valid JSON. The descriptions never quote the text.
public enum JSONSyntaxProblem: String, Hashable, Sendable, CustomStringConvertible {
  /// The text ends inside a value (or is empty).
  case unexpectedEnd = "unexpected end of text"
  /// A byte that cannot start or continue a value here.
  case unexpectedByte = "unexpected byte"
  /// A byte other than white space after the value.
  case trailingContent = "content after the end of the value"
  /// A number that does not follow RFC 8259's grammar (`01`, `1.`, `.5`, `+1`, `-`).
  case invalidNumber = "invalid number"
  /// A misspelled `true`, `false` or `null`.
  case invalidLiteral = "invalid literal"
  /// A backslash followed by something other than `"\/bfnrtu`, or `\u` without four hex digits.
  case invalidEscape = "invalid escape sequence"
  /// A `\u` escape of a UTF-16 surrogate that is not part of a high-low pair.
  case unpairedSurrogate = "unpaired surrogate escape"
  /// A raw control character (U+0000 to U+001F) inside a string.
  case controlCharacter = "unescaped control character in string"
  /// Bytes that are not well-formed UTF-8.
  case invalidUTF8 = "invalid UTF-8"
  /// An object member without a string key, `:` or separator.
  case invalidObject = "expected a string key, ':', ',' or '}'"
  /// An array element without a separator.
  case invalidArray = "expected ',' or ']'"
  /// Arrays and objects nested deeper than ``FlatJSONScanner/maximumDepth``.
  case tooDeep = "arrays and objects nested too deeply"

  public var description: String { rawValue }
}
