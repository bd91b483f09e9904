import Foundation
import StediCore

/// The schema of docs/semantics.md applied to the objects Foundation's `JSONSerialization`
/// parses: the oracle of the differential tests.
enum FoundationReference {
  /// The fields at fault (empty with `notAnObject` for a value that is not an object).
  struct Failure: Error {
    var fields: Set<String> = []
    var notAnObject = false
    var duplicateUnknownKey = false
  }

  /// The keys of the top-level object of `line`, in order, duplicates included (Foundation's
  /// dictionary keeps only the last value of a key). `line` must be a valid JSON object: each key
  /// is found by tracking strings and nesting, and unescaped by Foundation.
  static func topLevelKeys(_ line: [UInt8]) -> [String] {
    var keys: [String] = []
    var depth = 0
    var index = 0
    while index < line.count {
      let byte = line[index]
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: "\""):
        var end = index + 1
        while line[end] != UInt8(ascii: "\"") { end += line[end] == UInt8(ascii: "\\") ? 2 : 1 }
        var next = end + 1
        while next < line.count, [0x20, 0x09, 0x0A, 0x0D].contains(line[next]) { next += 1 }
        if depth == 1, next < line.count, line[next] == UInt8(ascii: ":"),
          let array = parse(Array("[".utf8) + line[index...end] + Array("]".utf8)) as? [String],
          let key = array.first
        {
          keys.append(key)
        }
        index = end
      default: break
      }
      index += 1
    }
    return keys
  }

  /// Whether a time field of `value` holds a floating-point number of magnitude 2^53 to 2^64:
  /// its decimal text may be integral or not (`1663787663787449287.5`), and within 64 bits or
  /// not, which Foundation's `Double` can't tell, so the reference can't judge the line.
  static func hasImpreciseTime(_ value: Any) -> Bool {
    guard let object = value as? [String: Any] else { return false }
    let times = [
      "registrationDate", "lastUpdateDate", "shareWithResearchAsOfDate", "shareWithPublicAsOfDate",
      "shareWithFriendsAsOfDate", "timestamp", "sensorReadingTime",
    ]
    return times.contains { key in
      guard let number = object[key].flatMap(numeric) else { return false }
      let isInteger = ["c", "s", "i", "l", "q", "Q"].contains(String(cString: number.objCType))
      let magnitude = abs(number.doubleValue)
      return (!isInteger || number is NSDecimalNumber) && magnitude >= 0x1p53 && magnitude <= 0x1p64
    }
  }

  /// Adds the duplicate keys of `line` to `failure`: a known field by name, others as a flag.
  private static func addDuplicates(
    _ line: [UInt8], known: Set<String>, to failure: inout Failure
  ) {
    var seen: Set<[UInt8]> = []
    for key in topLevelKeys(line) where !seen.insert(Array(key.utf8)).inserted {
      if known.contains(key) {
        failure.fields.insert(key)
      } else {
        failure.duplicateUnknownKey = true
      }
    }
  }

  private static func failed(_ failure: Failure) -> Bool {
    !failure.fields.isEmpty || failure.duplicateUnknownKey
  }

  /// Parses `bytes` with `JSONSerialization`; `nil` if it rejects them.
  ///
  /// `.fragmentsAllowed` because RFC 8259 allows any value at the top level (`42` is valid JSON
  /// that is not an object); without it Foundation rejects such texts as invalid.
  static func parse(_ bytes: [UInt8]) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
  }

  static func customer(_ value: Any, line: [UInt8]) -> Result<CustomerRecord, Failure> {
    guard let object = value as? [String: Any] else { return .failure(Failure(notAnObject: true)) }
    var failure = Failure()
    addDuplicates(
      line,
      known: [
        "customerName", "email", "phone", "birthDay", "serialNumber", "registrationDate",
        "lastUpdateDate", "shareWithResearchAsOfDate", "shareWithPublicAsOfDate",
        "shareWithFriendsAsOfDate",
      ], to: &failure)
    func check<T>(_ key: String, _ read: (Any) -> T??) -> T? {
      guard let raw = object[key] else { return nil }
      guard let value = read(raw) else {
        failure.fields.insert(key)
        return nil
      }
      return value
    }
    let email = check("email", nonEmptyString)
    let serialNumber = check("serialNumber", nonEmptyString)
    if object["email"] == nil { failure.fields.insert("email") }
    if object["serialNumber"] == nil { failure.fields.insert("serialNumber") }
    let record = CustomerRecord(
      customerName: check("customerName", identityString),
      email: email ?? "",
      phone: check("phone", identityString),
      birthDay: check("birthDay", identityString),
      serialNumber: serialNumber ?? "",
      registrationDate: check("registrationDate", optionalTime),
      lastUpdateDate: check("lastUpdateDate", optionalTime),
      shareWithResearchAsOfDate: check("shareWithResearchAsOfDate", optionalTime),
      shareWithPublicAsOfDate: check("shareWithPublicAsOfDate", optionalTime),
      shareWithFriendsAsOfDate: check("shareWithFriendsAsOfDate", optionalTime))
    return failed(failure) ? .failure(failure) : .success(record)
  }

  static func accelerometer(_ value: Any, line: [UInt8]) -> Result<AccelerometerReading, Failure> {
    guard let object = value as? [String: Any] else { return .failure(Failure(notAnObject: true)) }
    var failure = Failure()
    addDuplicates(line, known: ["user", "timestamp", "x", "y", "z"], to: &failure)
    func require<T>(_ key: String, _ read: (Any) -> T??) -> T? {
      guard let raw = object[key], let value = read(raw), let value else {
        failure.fields.insert(key)
        return nil
      }
      return value
    }
    let user = require("user", nonEmptyString)
    let timestamp = require("timestamp", time)
    let x = require("x", number)
    let y = require("y", number)
    let z = require("z", number)
    guard let user, let timestamp, let x, let y, let z, !failed(failure) else {
      return .failure(failure)
    }
    return .success(AccelerometerReading(user: user, timestamp: timestamp, x: x, y: y, z: z))
  }

  static func stepTrainer(_ value: Any, line: [UInt8]) -> Result<StepTrainerReading, Failure> {
    guard let object = value as? [String: Any] else { return .failure(Failure(notAnObject: true)) }
    var failure = Failure()
    addDuplicates(
      line, known: ["sensorReadingTime", "serialNumber", "distanceFromObject"], to: &failure)
    func require<T>(_ key: String, _ read: (Any) -> T??) -> T? {
      guard let raw = object[key], let value = read(raw), let value else {
        failure.fields.insert(key)
        return nil
      }
      return value
    }
    let time = require("sensorReadingTime", time)
    let serial = require("serialNumber", nonEmptyString)
    let distance = require("distanceFromObject", number)
    guard let time, let serial, let distance, !failed(failure) else { return .failure(failure) }
    return .success(
      StepTrainerReading(
        sensorReadingTime: time, serialNumber: serial, distanceFromObject: distance)
    )
  }

  // MARK: Field readers: `nil` = wrong type, `.some(nil)` = null.

  private static func nonEmptyString(_ value: Any) -> String?? {
    guard let string = value as? String, !string.utf8.isEmpty else { return nil }
    return .some(string)
  }

  /// Marks a non-integral number taken as text: Foundation does not keep the number's text.
  static let numberText = "\u{0}number"

  /// An identity-only field: a string, `null`, or a number (its digits when integral).
  private static func identityString(_ value: Any) -> String?? {
    if value is NSNull { return .some(nil) }
    if let string = value as? String { return .some(string) }
    guard numeric(value) != nil else { return nil }
    if case .some(.some(let integral)) = time(value) { return .some(String(integral)) }
    return .some(numberText)
  }

  private static func time(_ value: Any) -> Int64?? {
    guard let number = numeric(value) else { return nil }
    if number is NSDecimalNumber { return doubleTime(number.doubleValue) }
    switch String(cString: number.objCType) {
    case "c", "s", "i", "l", "q": return .some(number.int64Value)
    case "Q": return number.uint64Value <= UInt64(Int64.max) ? .some(number.int64Value) : nil
    default: return doubleTime(number.doubleValue)
    }
  }

  private static func doubleTime(_ value: Double) -> Int64?? {
    guard value.rounded(.towardZero) == value, value >= -0x1p63, value < 0x1p63 else { return nil }
    return .some(Int64(value))
  }

  private static func optionalTime(_ value: Any) -> Int64?? {
    if value is NSNull { return .some(nil) }
    return time(value)
  }

  private static func number(_ value: Any) -> JSONNumber?? {
    guard let number = numeric(value) else { return nil }
    return .some(.real(number.doubleValue))
  }

  /// `value` as a number, not a boolean (`true` is an `NSNumber` too).
  private static func numeric(_ value: Any) -> NSNumber? {
    guard let number = value as? NSNumber, !(value is String) else { return nil }
    guard type(of: number) != type(of: NSNumber(value: true)) else { return nil }
    return number
  }
}
