/// The parts of a validated JSON number's text: sign, the digits of the integer and fraction
/// parts read as one sequence, and the written exponent, for exact decimal arithmetic.
struct DecimalParts {
  /// Whether the number starts with `-`.
  let negative: Bool
  /// The number of digits before and after the decimal point.
  let digitCount: Int
  /// The power of ten of the last digit of the sequence: the written exponent (clamped far
  /// beyond any 64-bit result) minus the number of fraction digits.
  let exponent: Int
  /// The position of the first digit that is not zero, if any.
  let firstNonZeroDigit: Int?
  /// The position of the last digit that is not zero, if any.
  let lastNonZeroDigit: Int?

  private let bytes: UnsafeRawBufferPointer
  private let integerStart: Int
  private let integerCount: Int
  private let fractionStart: Int

  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
    negative = bytes.first == UInt8(ascii: "-")
    var index = negative ? 1 : 0
    integerStart = index
    while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    integerCount = index - integerStart
    var fractionCount = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      let start = index
      while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
      fractionCount = index - start
    }
    fractionStart = integerStart + integerCount + 1
    digitCount = integerCount + fractionCount
    var written = 0
    if index < bytes.count {  // `e` or `E`
      index += 1
      var exponentNegative = false
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
      {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      while index < bytes.count, Self.isDigit(bytes[index]) {
        if written < 1 << 40 { written = written * 10 + Int(bytes[index] &- 0x30) }
        index += 1
      }
      if exponentNegative { written = -written }
    }
    var first: Int?
    var last: Int?
    for position in 0..<digitCount {
      let byte =
        position < integerCount
        ? bytes[integerStart + position] : bytes[fractionStart + position - integerCount]
      if byte != UInt8(ascii: "0") {
        if first == nil { first = position }
        last = position
      }
    }
    firstNonZeroDigit = first
    lastNonZeroDigit = last
    exponent = written - fractionCount
  }

  /// The digit (0-9) at `position` of the digit sequence.
  func digit(at position: Int) -> UInt8 {
    let byte =
      position < integerCount
      ? bytes[integerStart + position] : bytes[fractionStart + position - integerCount]
    return byte &- UInt8(ascii: "0")
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
