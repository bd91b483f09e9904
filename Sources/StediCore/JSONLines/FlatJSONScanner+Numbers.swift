extension FlatJSONScanner {
  /// Scans a number at `position` following RFC 8259's grammar:
  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func scanNumber() throws(JSONScanError) -> RawJSONNumber {
    let start = position
    var isIntegerLiteral = true
    if text[position] == UInt8(ascii: "-") { position += 1 }
    guard position < text.count else { throw fail(.unexpectedEnd) }
    let first = text[position]
    if first == UInt8(ascii: "0") {
      position += 1
    } else if isDigit(first) {
      position += 1
      skipDigits()
    } else {
      throw fail(.invalidNumber)
    }
    if position < text.count, text[position] == UInt8(ascii: ".") {
      isIntegerLiteral = false
      position += 1
      guard position < text.count else { throw fail(.unexpectedEnd) }
      guard isDigit(text[position]) else { throw fail(.invalidNumber) }
      skipDigits()
    }
    if position < text.count, text[position] | 0x20 == UInt8(ascii: "e") {
      isIntegerLiteral = false
      position += 1
      guard position < text.count else { throw fail(.unexpectedEnd) }
      if text[position] == UInt8(ascii: "+") || text[position] == UInt8(ascii: "-") {
        position += 1
        guard position < text.count else { throw fail(.unexpectedEnd) }
      }
      guard isDigit(text[position]) else { throw fail(.invalidNumber) }
      skipDigits()
    }
    return RawJSONNumber(
      bytes: UnsafeRawBufferPointer(rebasing: text[start..<position]),
      isIntegerLiteral: isIntegerLiteral)
  }

  private mutating func skipDigits() {
    while position < text.count, isDigit(text[position]) { position += 1 }
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
