import StediCore
import Testing

struct RawJSONNumberTests {
  /// Runs `body` on the number of the line `{"n":<text>}`.
  static func withNumber<T>(_ text: String, _ body: (RawJSONNumber) -> T) -> T? {
    Array("{\"n\":\(text)}".utf8).withUnsafeBytes { bytes in
      var scanner = FlatJSONScanner(bytes)
      guard let member = try? scanner.nextMember(), case .number(let number) = member.value else {
        return nil
      }
      return body(number)
    }
  }

  @Test(arguments: [
    ("0", 0 as Int64?), ("-0", 0), ("42", 42), ("-17", -17),
    ("9223372036854775807", .max), ("-9223372036854775808", .min),
    ("9223372036854775808", nil), ("-9223372036854775809", nil), ("18446744073709551616", nil),
    ("1.0", nil), ("1e2", nil),
  ])
  func int64Value(text: String, expected: Int64?) {
    #expect(Self.withNumber(text) { $0.int64Value } == .some(expected))
  }

  @Test(arguments: [
    ("1655564376361", 1_655_564_376_361 as Int64?), ("1655564376361.0", 1_655_564_376_361),
    ("1655564376361.000", 1_655_564_376_361), ("1.655564376361e12", 1_655_564_376_361),
    ("1.655564376361E+12", 1_655_564_376_361), ("16555643763610e-1", 1_655_564_376_361),
    ("0.0", 0), ("-0.0", 0), ("0e5", 0), ("0.000e-7", 0), ("1E3", 1000), ("-5", -5), ("-5.0", -5),
    ("9.223372036854775807e18", .max), ("-9.223372036854775808e18", .min),
    ("9223372036854775807.0", .max), ("92233720368547758070e-1", .max),
    ("1.5", nil), ("1655564376361.5", nil), ("1e30", nil), ("1e-3", nil), ("0.1", nil),
    ("1655564376361.0000000001", nil), ("9223372036854775808.0", nil), ("9.3e18", nil),
    ("-9223372036854775809.0", nil), ("1e99999999999999999999", nil), ("1e-99999999999", nil),
  ])
  func integralValue(text: String, expected: Int64?) {
    #expect(Self.withNumber(text) { $0.integralValue } == .some(expected))
  }

  @Test(arguments: [
    ("0", JSONNumber.integer(0) as JSONNumber?), ("-1", .integer(-1)), ("1.0", .real(1)),
    ("1e2", .real(100)), ("-0.5", .real(-0.5)), ("9223372036854775807", .integer(.max)),
    ("9223372036854775808", .real(9_223_372_036_854_775_808.0)), ("1e400", nil), ("-1e400", nil),
    ("1e-400", .real(0)),
  ])
  func jsonNumber(text: String, expected: JSONNumber?) {
    #expect(Self.withNumber(text) { $0.jsonNumber } == .some(expected))
  }

  @Test(arguments: [
    "0.1", "0.30000000000000004", "1e23", "8.98846567431158e307", "1.7976931348623157e308",
    "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324",
    "9007199254740993", "9007199254740992.5", "123456789012345678901234567890",
    "0.000000000000000000000000000001", "1.00000000000000011102230246251565404236316680908203125",
    "7.5882854392119905", "-3.3926810896377884", "1e22", "1e-22", "4503599627370497.5",
  ])
  func doubleValueIsCorrectlyRounded(text: String) throws {
    let expected = try #require(Double(text))
    let value = try #require(Self.withNumber(text) { $0.doubleValue })
    #expect(value.bitPattern == expected.bitPattern)
  }

  /// The fast path against the standard library's `Double(String)` (strtod) on random decimals.
  @Test func doubleValueMatchesStrtodOnRandomDecimals() {
    var random = SplitMix64(seed: 7)
    for _ in 0..<20_000 {
      let sign = random.chance(0.5) ? "-" : ""
      let whole =
        random.chance(0.5) ? "0" : String(UInt64.random(in: 1...999_999_999, using: &random))
      let fractionLength = Int.random(in: 0...19, using: &random)
      let fraction = String((0..<fractionLength).map { _ in random.pick(Array("0123456789")) })
      var text = sign + whole + (fraction.isEmpty ? "" : "." + fraction)
      if random.chance(0.3) { text += "e\(Int.random(in: -30...30, using: &random))" }
      let value = Self.withNumber(text) { $0.doubleValue }
      #expect(value?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }
  }

  /// Integers of every length, through the eight-digits-at-a-time path and past 64 bits.
  @Test func int64ValueMatchesTheStandardLibrary() {
    var random = SplitMix64(seed: 11)
    for _ in 0..<20_000 {
      let length = Int.random(in: 1...22, using: &random)
      var digits = String(random.pick(Array("123456789")))
      digits += String((1..<length).map { _ in random.pick(Array("0123456789")) })
      let text = (random.chance(0.5) ? "-" : "") + digits
      #expect(Self.withNumber(text) { $0.int64Value } == .some(Int64(text)), "\(text)")
      #expect(Self.withNumber(text) { $0.integralValue } == .some(Int64(text)), "\(text)")
      #expect(Self.withNumber(text + ".000") { $0.integralValue } == .some(Int64(text)), "\(text)")
      #expect(Self.withNumber(text + "e0") { $0.integralValue } == .some(Int64(text)), "\(text)")
    }
  }

  @Test(arguments: [
    ("16555643763610000000000e-10", 1_655_564_376_361 as Int64?),
    ("1655564376361.00000000000000000000", 1_655_564_376_361),
    ("0.0000000000000000000001655564376361e34", 1_655_564_376_361),
    ("1655564376361.00000000000000000001", nil),
    ("100000000000000000000e-2", 1_000_000_000_000_000_000),
    ("100000000000000000000e-1", nil), ("-922337203685477580.8e1", .min),
    ("0.00000000000000000000", 0),
  ])
  func integralValueOfLongNumbers(text: String, expected: Int64?) {
    #expect(Self.withNumber(text) { $0.integralValue } == .some(expected))
  }

  @Test func negativeZeroKeepsItsSign() {
    #expect(Self.withNumber("-0.0") { $0.doubleValue.sign } == .minus)
    #expect(Self.withNumber("1e400") { $0.doubleValue } == .infinity)
  }
}
