extension FlatJSONScanner {
  /// Scans a string at `index` (its opening quote): validates UTF-8, control characters and
  /// escapes; returns the bytes between the quotes and the index after the closing quote.
  @inline(__always)
  func scanString(from index: Int) throws(JSONScanError) -> (RawJSONString, Int) {
    let start = index + 1
    var next = start
    var hasEscapes = false
    while true {
      next = skipPlainASCII(from: next)
      guard next < count else { throw fail(.unexpectedEnd, at: next) }
      let byte = text[next]
      switch byte {
      case JSONByte.quote:
        let string = RawJSONString(
          bytes: UnsafeRawBufferPointer(rebasing: text[start..<next]), hasEscapes: hasEscapes)
        return (string, next + 1)
      case JSONByte.backslash:
        hasEscapes = true
        next = try scanEscape(from: next)
      case 0..<0x20:
        throw fail(.controlCharacter, at: next)
      case 0x80...:
        next = try scanUTF8Sequence(from: next, lead: byte)
      default:
        next += 1
      }
    }
  }

  /// The index of the first byte from `index` on that needs attention inside a string: `"`, `\`,
  /// a control character or a non-ASCII byte. Eight bytes at a time while there are eight.
  @inline(__always)
  private func skipPlainASCII(from index: Int) -> Int {
    guard let base = text.baseAddress else { return index }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var index = index
    while index + 8 <= count {
      let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      let quotes = word ^ (ones &* 0x22)
      let backslashes = word ^ (ones &* 0x5C)
      // A byte's high bit is set if it is zero after the XOR (a quote or backslash), below 0x20
      // or above 0x7F. Borrows only run upwards, so the lowest flagged byte is exact.
      let flagged =
        (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
          | ((word &- ones &* 0x20) & ~word) | word) & highBits
      if flagged != 0 { return index + flagged.trailingZeroBitCount >> 3 }
      index += 8
    }
    while index < count {
      let byte = text[index]
      if byte < 0x20 || byte >= 0x80 || byte == JSONByte.quote || byte == JSONByte.backslash {
        return index
      }
      index += 1
    }
    return index
  }

  /// Scans an escape at `index` (its backslash); returns the index after it.
  private func scanEscape(from index: Int) throws(JSONScanError) -> Int {
    guard index + 1 < count else { throw fail(.unexpectedEnd, at: index + 1) }
    switch text[index + 1] {
    case JSONByte.quote, JSONByte.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return index + 2
    case UInt8(ascii: "u"):
      let unit = try scanUnicodeEscape(from: index)
      switch unit {
      case 0xD800..<0xDC00:
        // A high surrogate must be followed by an escaped low surrogate.
        let next = index + 6
        guard next + 1 < count, text[next] == JSONByte.backslash,
          text[next + 1] == UInt8(ascii: "u")
        else { throw fail(.unpairedSurrogate, at: next) }
        let low = try scanUnicodeEscape(from: next)
        guard low >= 0xDC00, low < 0xE000 else { throw fail(.unpairedSurrogate, at: next) }
        return next + 6
      case 0xDC00..<0xE000:
        throw fail(.unpairedSurrogate, at: index)
      default:
        return index + 6
      }
    default:
      throw fail(.invalidEscape, at: index + 1)
    }
  }

  /// The code unit of `\uXXXX` at `index` (its backslash).
  private func scanUnicodeEscape(from index: Int) throws(JSONScanError) -> UInt32 {
    var unit: UInt32 = 0
    for digitIndex in (index + 2)..<(index + 6) {
      guard digitIndex < count else { throw fail(.unexpectedEnd, at: digitIndex) }
      guard let digit = RawJSONString.hexDigitValue(text[digitIndex]) else {
        throw fail(.invalidEscape, at: digitIndex)
      }
      unit = unit << 4 | UInt32(digit)
    }
    return unit
  }

  /// Validates one multi-byte UTF-8 sequence at `index`, which starts with `lead` (≥ 0x80): no
  /// overlong forms, no surrogates, nothing beyond U+10FFFF. Returns the index after it.
  private func scanUTF8Sequence(from index: Int, lead: UInt8) throws(JSONScanError) -> Int {
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
      throw fail(.invalidUTF8, at: index)
    }
    guard index + length <= count else { throw fail(.invalidUTF8, at: index) }
    let second = text[index + 1]
    guard second >= secondLow, second <= secondHigh else { throw fail(.invalidUTF8, at: index) }
    for offset in 2..<length where text[index + offset] & 0xC0 != 0x80 {
      throw fail(.invalidUTF8, at: index)
    }
    return index + length
  }
}
