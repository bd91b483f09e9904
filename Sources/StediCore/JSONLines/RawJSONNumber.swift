/// A JSON number as it appears in the text. Created only by ``FlatJSONScanner``, so its bytes
/// follow RFC 8259's number grammar.
///
/// - Warning: Points into the scanned text: valid only while that memory is.
public struct RawJSONNumber {
  /// The first byte of the number's text.
  private let start: UnsafeRawPointer
  /// The significant digits as an integer; exact when `digitCount` is at most 19.
  let significand: UInt64
  /// Bits 0-31: the length of the text; 32-47: the exponent (`Int16`); 48-55: the digit count
  /// (clamped to 255); 56: negative; 57: integer literal. Packed so that the number fits in three
  /// words and is returned in registers.
  private let packed: UInt64

  init(
    start: UnsafeRawPointer, length: Int, isIntegerLiteral: Bool, negative: Bool,
    significand: UInt64, digitCount: Int, exponent: Int
  ) {
    self.start = start
    self.significand = significand
    let exponentBits = UInt64(UInt16(bitPattern: Int16(clamping: exponent)))
    packed =
      UInt64(UInt32(clamping: length)) | exponentBits << 32
      | UInt64(UInt8(clamping: digitCount)) << 48 | (negative ? 1 << 56 : 0)
      | (isIntegerLiteral ? 1 << 57 : 0)
  }

  /// The number's text.
  public var bytes: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: start, count: Int(truncatingIfNeeded: packed & 0xFFFF_FFFF))
  }

  /// Whether the number is written without fraction and exponent (`12`, `-3`, not `1.0`, `1e2`).
  public var isIntegerLiteral: Bool { packed & 1 << 57 != 0 }

  /// Whether the text starts with `-`.
  var negative: Bool { packed & 1 << 56 != 0 }

  /// The number of significant digits (leading zeros excluded, trailing zeros included), clamped
  /// to 255.
  var digitCount: Int { Int(truncatingIfNeeded: packed >> 48 & 0xFF) }

  /// The value is `±significand × 10^exponent` when `digitCount` is at most 19; clamped to
  /// `Int16`, far beyond any `Double`.
  var exponent: Int { Int(Int16(bitPattern: UInt16(truncatingIfNeeded: packed >> 32))) }

  /// The value of an integer literal that fits in 64 bits; `nil` for `1.0`, `1e2` or
  /// `9223372036854775808`.
  public var int64Value: Int64? {
    guard isIntegerLiteral else { return nil }
    if digitCount <= 18 {
      let magnitude = Int64(truncatingIfNeeded: significand)
      return negative ? -magnitude : magnitude
    }
    guard digitCount == 19 else { return nil }
    return Self.signed(significand, negative: negative)
  }

  /// The exact value if it is an integer within 64 bits, however it is written
  /// (`1655564376361`, `1655564376361.0`, `1.655564376361e12`); `nil` for `1.5` or `1e30`.
  public var integralValue: Int64? {
    if digitCount == 0 { return 0 }
    guard digitCount <= 19 else { return Self.integralValue(of: DecimalParts(bytes)) }
    var magnitude = significand
    if exponent >= 0 {
      guard exponent <= 19 else { return nil }
      let (product, overflow) = magnitude.multipliedReportingOverflow(
        by: Self.powersOfTen[exponent])
      if overflow { return nil }
      magnitude = product
    } else {
      // `significand` < 10^19, so a larger divisor leaves a fraction.
      guard exponent >= -19 else { return nil }
      let divisor = Self.powersOfTen[-exponent]
      guard magnitude % divisor == 0 else { return nil }
      magnitude /= divisor
    }
    return Self.signed(magnitude, negative: negative)
  }

  /// The value, correctly rounded to the nearest `Double` (`±infinity` beyond its range).
  public var doubleValue: Double {
    if digitCount == 0 { return negative ? -0.0 : 0.0 }
    // Clinger's fast path: a significand of at most 2^53 scaled by an exact power of ten.
    if digitCount <= 19, significand <= 1 << 53, exponent >= -22, exponent <= 22 {
      let value = Double(significand)
      let scaled =
        exponent >= 0
        ? value * Self.exactPowersOfTen[exponent] : value / Self.exactPowersOfTen[-exponent]
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

  /// The exact integral value of a number with many digits, if it is one within 64 bits.
  private static func integralValue(of parts: DecimalParts) -> Int64? {
    // Significant digits: from the first non-zero digit to the last non-zero digit.
    guard let first = parts.firstNonZeroDigit, let last = parts.lastNonZeroDigit else { return 0 }
    // value = digits[first...last] * 10^scale
    let scale = parts.exponent + (parts.digitCount - 1 - last)
    guard scale >= 0, scale <= 19, last - first < 19 else { return nil }
    var magnitude: UInt64 = 0
    for position in first...last {
      magnitude = magnitude * 10 + UInt64(parts.digit(at: position))
    }
    let (product, overflow) = magnitude.multipliedReportingOverflow(by: powersOfTen[scale])
    if overflow { return nil }
    return signed(product, negative: parts.negative)
  }

  private static let powersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
    1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
    1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
  ]

  private static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }
}
