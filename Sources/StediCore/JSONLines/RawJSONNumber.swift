/// A JSON number as it appears in the text. Created only by ``FlatJSONScanner``, so its bytes
/// follow RFC 8259's number grammar.
///
/// - Warning: Points into the scanned text: valid only while that memory is.
public struct RawJSONNumber {
  /// The number's text.
  public let bytes: UnsafeRawBufferPointer
  /// Whether the number is written without fraction and exponent (`12`, `-3`, not `1.0`, `1e2`).
  public let isIntegerLiteral: Bool

  init(bytes: UnsafeRawBufferPointer, isIntegerLiteral: Bool) {
    self.bytes = bytes
    self.isIntegerLiteral = isIntegerLiteral
  }

  /// The value of an integer literal that fits in 64 bits; `nil` for `1.0`, `1e2` or
  /// `9223372036854775808`.
  public var int64Value: Int64? {
    guard isIntegerLiteral else { return nil }
    let negative = bytes[0] == UInt8(ascii: "-")
    var magnitude: UInt64 = 0
    for index in (negative ? 1 : 0)..<bytes.count {
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] &- 0x30))
      if overflow1 || overflow2 { return nil }
      magnitude = sum
    }
    return Self.signed(magnitude, negative: negative)
  }

  /// The exact value if it is an integer within 64 bits, however it is written
  /// (`1655564376361`, `1655564376361.0`, `1.655564376361e12`); `nil` for `1.5` or `1e30`.
  public var integralValue: Int64? {
    if let value = int64Value { return value }
    let parts = DecimalParts(bytes)
    // Significant digits: from the first non-zero digit to the last non-zero digit.
    guard let first = parts.firstNonZeroDigit, let last = parts.lastNonZeroDigit else { return 0 }
    // value = digits[first...last] * 10^scale
    let scale = parts.exponent + (parts.digitCount - 1 - last)
    guard scale >= 0, scale <= 19 else { return nil }
    var magnitude: UInt64 = 0
    for position in first...last {
      let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(UInt64(parts.digit(at: position)))
      if overflow1 || overflow2 { return nil }
      magnitude = sum
    }
    for _ in 0..<scale {
      let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      magnitude = times10
    }
    return Self.signed(magnitude, negative: parts.negative)
  }

  /// The value, correctly rounded to the nearest `Double` (`±infinity` beyond its range).
  public var doubleValue: Double {
    // Clinger's fast path: a mantissa of at most 2^53 scaled by an exact power of ten.
    let count = bytes.count
    var index = 0
    let negative = bytes[0] == UInt8(ascii: "-")
    if negative { index = 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    while index < count, let digit = Self.digit(bytes[index]) {
      if mantissa != 0 || digit != 0 {
        digits += 1
        mantissa = mantissa &* 10 &+ UInt64(digit)
      }
      index += 1
    }
    if index < count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < count, let digit = Self.digit(bytes[index]) {
        if mantissa != 0 || digit != 0 {
          digits += 1
          mantissa = mantissa &* 10 &+ UInt64(digit)
        }
        exponent -= 1
        index += 1
      }
    }
    if index < count {  // An exponent.
      index += 1
      var exponentNegative = false
      if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var written = 0
      while index < count, let digit = Self.digit(bytes[index]) {
        if written < 100_000 { written = written * 10 + Int(digit) }
        index += 1
      }
      exponent += exponentNegative ? -written : written
    }
    if mantissa == 0 && digits == 0 { return negative ? -0.0 : 0.0 }
    if digits <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
      let value = Double(mantissa)
      let scaled =
        exponent >= 0 ? value * Self.powersOfTen[exponent] : value / Self.powersOfTen[-exponent]
      return negative ? -scaled : scaled
    }
    return Double(String(decoding: bytes, as: UTF8.self)) ?? .nan
  }

  /// The value as a ``JSONNumber``: `.integer` for an integer literal within 64 bits, else
  /// `.real`; `nil` if the value is beyond `Double`'s range (`1e400`).
  public var jsonNumber: JSONNumber? {
    if let value = int64Value { return .integer(value) }
    let value = doubleValue
    return value.isFinite ? .real(value) : nil
  }

  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  private static func digit(_ byte: UInt8) -> UInt8? {
    let value = byte &- UInt8(ascii: "0")
    return value < 10 ? value : nil
  }

  private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }
}
