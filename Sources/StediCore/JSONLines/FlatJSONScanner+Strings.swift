extension FlatJSONScanner {
  /// Scans a string at `position` (at its opening quote): validates UTF-8, control characters
  /// and escapes, and returns the bytes between the quotes.
  mutating func scanString() throws(JSONScanError) -> RawJSONString {
    position += 1
    let start = position
    var hasEscapes = false
    let count = text.count
    while true {
      skipPlainASCII()
      guard position < count else { throw fail(.unexpectedEnd) }
      let byte = text[position]
      switch byte {
      case UInt8(ascii: "\""):
        let bytes = UnsafeRawBufferPointer(rebasing: text[start..<position])
        position += 1
        return RawJSONString(bytes: bytes, hasEscapes: hasEscapes)
      case UInt8(ascii: "\\"):
        hasEscapes = true
        try scanEscape()
      case 0..<0x20:
        throw fail(.controlCharacter)
      case 0x80...:
        try scanUTF8Sequence(lead: byte)
      default:
        position += 1
      }
    }
  }

  /// Skips bytes that need no attention inside a string: ASCII other than `"`, `\` and control
  /// characters. Eight bytes at a time while there are eight.
  private mutating func skipPlainASCII() {
    let count = text.count
    guard let base = text.baseAddress else { return }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    while position + 8 <= count {
      let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      let quotes = word ^ (ones &* 0x22)
      let backslashes = word ^ (ones &* 0x5C)
      // A byte is flagged if it is zero after the XOR (a quote or backslash), below 0x20 or
      // above 0x7F. The tests are exact for "some byte is flagged".
      let flagged =
        ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
        | ((word &- ones &* 0x20) & ~word) | word
      if flagged & highBits != 0 { break }
      position += 8
    }
    while position < count {
      let byte = text[position]
      if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        return
      }
      position += 1
    }
  }

  /// Scans an escape at `position` (at its backslash).
  private mutating func scanEscape() throws(JSONScanError) {
    position += 1
    guard position < text.count else { throw fail(.unexpectedEnd) }
    switch text[position] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      position += 1
    case UInt8(ascii: "u"):
      position -= 1
      let unit = try scanUnicodeEscape()
      switch unit {
      case 0xD800..<0xDC00:
        // A high surrogate must be followed by an escaped low surrogate.
        guard position + 1 < text.count, text[position] == UInt8(ascii: "\\"),
          text[position + 1] == UInt8(ascii: "u")
        else { throw fail(.unpairedSurrogate) }
        let low = try scanUnicodeEscape()
        guard low >= 0xDC00, low < 0xE000 else { throw fail(.unpairedSurrogate) }
      case 0xDC00..<0xE000:
        position -= 6
        throw fail(.unpairedSurrogate)
      default:
        break
      }
    default:
      throw fail(.invalidEscape)
    }
  }

  /// Scans `\uXXXX` at `position` (at its backslash) and returns the code unit.
  private mutating func scanUnicodeEscape() throws(JSONScanError) -> UInt32 {
    position += 2
    var unit: UInt32 = 0
    for _ in 0..<4 {
      guard position < text.count else { throw fail(.unexpectedEnd) }
      guard let digit = RawJSONString.hexDigitValue(text[position]) else {
        throw fail(.invalidEscape)
      }
      unit = unit << 4 | UInt32(digit)
      position += 1
    }
    return unit
  }

  /// Validates one multi-byte UTF-8 sequence at `position`, which starts with `lead` (≥ 0x80):
  /// no overlong forms, no surrogates, nothing beyond U+10FFFF.
  private mutating func scanUTF8Sequence(lead: UInt8) throws(JSONScanError) {
    let length: Int
    var secondLow: UInt8 = 0x80
    var secondHigh: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF:
      length = 2
    case 0xE0:
      length = 3
      secondLow = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF:
      length = 3
    case 0xED:
      length = 3
      secondHigh = 0x9F
    case 0xF0:
      length = 4
      secondLow = 0x90
    case 0xF1...0xF3:
      length = 4
    case 0xF4:
      length = 4
      secondHigh = 0x8F
    default:
      throw fail(.invalidUTF8)
    }
    guard position + length <= text.count else { throw fail(.invalidUTF8) }
    let second = text[position + 1]
    guard second >= secondLow, second <= secondHigh else { throw fail(.invalidUTF8) }
    for offset in 2..<length where text[position + offset] & 0xC0 != 0x80 {
      throw fail(.invalidUTF8)
    }
    position += length
  }
}
