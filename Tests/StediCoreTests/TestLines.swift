import Foundation
import StediCore

/// Helpers that run the decoders and the scanner on test strings and byte arrays.
enum TestLines {
  static func customer(_ text: String) -> Result<CustomerRecord, RowError> {
    customer(Array(text.utf8))
  }

  static func customer(_ bytes: [UInt8]) -> Result<CustomerRecord, RowError> {
    bytes.withUnsafeBytes { CustomerRecord.decode(line: $0) }
  }

  static func accelerometer(_ text: String) -> Result<AccelerometerReading, RowError> {
    accelerometer(Array(text.utf8))
  }

  static func accelerometer(_ bytes: [UInt8]) -> Result<AccelerometerReading, RowError> {
    bytes.withUnsafeBytes { AccelerometerReading.decode(line: $0) }
  }

  static func stepTrainer(_ text: String) -> Result<StepTrainerReading, RowError> {
    stepTrainer(Array(text.utf8))
  }

  static func stepTrainer(_ bytes: [UInt8]) -> Result<StepTrainerReading, RowError> {
    bytes.withUnsafeBytes { StepTrainerReading.decode(line: $0) }
  }

  /// Validates `bytes` as a JSON object with the scanner.
  static func validate(_ bytes: [UInt8]) -> JSONScanError? {
    bytes.withUnsafeBytes { text in
      do throws(JSONScanError) {
        try FlatJSONScanner.validateObject(text)
        return nil
      } catch {
        return error
      }
    }
  }

  static func validate(_ text: String) -> JSONScanError? { validate(Array(text.utf8)) }

  /// The members of an object line, keys unescaped, values described, or the scan error.
  static func members(_ text: String) -> Result<[String: String], JSONScanError> {
    Array(text.utf8).withUnsafeBytes { bytes in
      var scanner = FlatJSONScanner(bytes)
      var members: [String: String] = [:]
      do throws(JSONScanError) {
        while let member = try scanner.nextMember() {
          members[member.key.makeString()] = describe(member.value)
        }
        return .success(members)
      } catch {
        return .failure(error)
      }
    }
  }

  private static func describe(_ value: RawJSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): "bool:\(flag)"
    case .number(let number): "number:\(String(decoding: number.bytes, as: UTF8.self))"
    case .string(let string): "string:\(string.makeString())"
    case .array: "array"
    case .object: "object"
    }
  }

  /// The row error's reason, or `nil` for a decoded row.
  static func reason<Record>(_ result: Result<Record, RowError>) -> ReasonCode? {
    if case .failure(let error) = result { return error.reason }
    return nil
  }

  /// The row error, or `nil` for a decoded row.
  static func error<Record>(_ result: Result<Record, RowError>) -> RowError? {
    if case .failure(let error) = result { return error }
    return nil
  }

  /// The decoded row, or `nil`.
  static func value<Record>(_ result: Result<Record, RowError>) -> Record? {
    if case .success(let value) = result { return value }
    return nil
  }
}
