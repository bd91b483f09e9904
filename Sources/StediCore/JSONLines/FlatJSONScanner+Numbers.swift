extension FlatJSONScanner {
  /// Scans a number at `index` following RFC 8259's grammar,
  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; returns it and the index after it.
  ///
  /// Gathers the significant digits and the decimal exponent on the way, so that converting the
  /// number needs no second pass in the common case.
  @inline(__always)
  func scanNumber(from index: Int) throws(JSONScanError) -> (RawJSONNumber, Int) {
    guard let base = text.baseAddress else { throw fail(.unexpectedEnd, at: index) }
    var next = index
    let negative = text[next] == JSONByte.minus
    if negative { next += 1 }
    guard next < count else { throw fail(.unexpectedEnd, at: next) }
    var significand: UInt64 = 0
    var digitCount = 0
    var exponent = 0
    var isIntegerLiteral = true
    let first = text[next]
    if first == JSONByte.zero {
      next += 1
    } else {
      guard JSONByte.isDigit(first) else { throw fail(.invalidNumber, at: next) }
      let start = next
      next = accumulateDigits(from: next, into: &significand)
      digitCount = next - start
    }
    if next < count, text[next] == JSONByte.dot {
      isIntegerLiteral = false
      next += 1
      guard next < count else { throw fail(.unexpectedEnd, at: next) }
      guard JSONByte.isDigit(text[next]) else { throw fail(.invalidNumber, at: next) }
      let fractionStart = next
      if digitCount == 0 {  // Leading zeros of `0.000123` are not significant.
        while next < count, text[next] == JSONByte.zero { next += 1 }
      }
      let significantStart = next
      next = accumulateDigits(from: next, into: &significand)
      digitCount += next - significantStart
      exponent = fractionStart - next
    }
    if next < count, text[next] | 0x20 == UInt8(ascii: "e") {
      isIntegerLiteral = false
      next += 1
      guard next < count else { throw fail(.unexpectedEnd, at: next) }
      let exponentNegative = text[next] == JSONByte.minus
      if exponentNegative || text[next] == JSONByte.plus {
        next += 1
        guard next < count else { throw fail(.unexpectedEnd, at: next) }
      }
      guard JSONByte.isDigit(text[next]) else { throw fail(.invalidNumber, at: next) }
      var written = 0
      while next < count, JSONByte.isDigit(text[next]) {
        if written < 100_000_000 { written = written * 10 + Int(text[next] &- JSONByte.zero) }
        next += 1
      }
      exponent += exponentNegative ? -written : written
    }
    let number = RawJSONNumber(
      start: base + index, length: next - index, isIntegerLiteral: isIntegerLiteral,
      negative: negative, significand: significand, digitCount: digitCount, exponent: exponent)
    return (number, next)
  }

  /// Appends the digits from `index` on to `significand` (wrapping: exact up to 19 digits);
  /// returns the index after them. Eight digits at a time while there are eight.
  @inline(__always)
  private func accumulateDigits(from index: Int, into significand: inout UInt64) -> Int {
    var index = index
    var value = significand
    if let base = text.baseAddress {
      while index + 8 <= count {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        // All eight bytes are digits iff none has its high bit set after adding 0x46 or
        // subtracting 0x30 (Lemire's test).
        let notDigits =
          ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030))
          & 0x8080_8080_8080_8080
        guard notDigits == 0 else { break }
        value = value &* 100_000_000 &+ Self.eightDigitsValue(word)
        index += 8
      }
    }
    while index < count {
      let digit = text[index] &- JSONByte.zero
      guard digit < 10 else { break }
      value = value &* 10 &+ UInt64(digit)
      index += 1
    }
    significand = value
    return index
  }

  /// The value of eight ASCII digits loaded little-endian, first digit lowest (Lemire's SWAR).
  @inline(__always)
  private static func eightDigitsValue(_ word: UInt64) -> UInt64 {
    let mask: UInt64 = 0x0000_00FF_0000_00FF
    let multiplier1: UInt64 = 100 + (1_000_000 << 32)
    let multiplier2: UInt64 = 1 + (10_000 << 32)
    var value = word &- 0x3030_3030_3030_3030
    value = (value &* 10) &+ (value >> 8)
    value = (((value & mask) &* multiplier1) &+ (((value >> 16) & mask) &* multiplier2)) >> 32
    return value & 0xFFFF_FFFF
  }
}
