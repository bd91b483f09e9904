import Foundation
import StediCore

/// Field checks of `docs/semantics.md` on top of Foundation's `JSONSerialization`.
enum ReferenceJSON {
  /// A field value that failed its check.
  struct Violation: Error {}

  /// A parsed line: a JSON object, or the quarantine reason.
  enum Parsed {
    case object([String: Any])
    case quarantined(ReasonCode)
  }

  /// Parses a line into a JSON object, or the quarantine reason.
  static func object(_ line: [UInt8]) -> Parsed {
    guard String(validating: line, as: UTF8.self) != nil,
      let value = try? JSONSerialization.jsonObject(with: Data(line), options: .fragmentsAllowed)
    else { return .quarantined(.malformed) }
    guard let object = value as? [String: Any] else { return .quarantined(.schemaViolation) }
    return .object(object)
  }

  static func isNumber(_ value: Any?) -> Bool {
    guard let value, !(value is String), !(value is NSNull), let number = value as? NSNumber
    else { return false }
    return String(cString: number.objCType) != "c"
  }

  /// A required non-empty string.
  static func requiredString(_ value: Any?) throws -> String {
    guard let string = value as? String, !string.isEmpty else { throw Violation() }
    return string
  }

  /// An optional string: absent or null give `nil`.
  static func optionalString(_ value: Any?) throws -> String? {
    guard let value, !(value is NSNull) else { return nil }
    guard let string = value as? String else { throw Violation() }
    return string
  }

  /// A required time: an integral number within 64 bits.
  static func requiredTime(_ value: Any?) throws -> Int64 {
    guard isNumber(value), let number = value as? NSNumber else { throw Violation() }
    if number is NSDecimalNumber { return try integral(number.doubleValue) }
    switch String(cString: number.objCType) {
    case "q", "l", "i", "s": return number.int64Value
    case "Q", "L", "I", "S":
      guard number.uint64Value <= UInt64(Int64.max) else { throw Violation() }
      return Int64(number.uint64Value)
    default: return try integral(number.doubleValue)
    }
  }

  /// An optional time: absent or null give `nil`.
  static func optionalTime(_ value: Any?) throws -> Int64? {
    guard let value, !(value is NSNull) else { return nil }
    return try requiredTime(value)
  }

  static func requiredNumber(_ value: Any?) throws {
    guard isNumber(value) else { throw Violation() }
  }

  private static func integral(_ double: Double) throws -> Int64 {
    guard double.isFinite, double.rounded(.towardZero) == double,
      double >= -9_223_372_036_854_775_808.0, double < 9_223_372_036_854_775_808.0
    else { throw Violation() }
    return Int64(double)
  }
}
