import StediCore

/// A valid customer record as the reference reads it; equality is "equal in every known
/// field".
struct ReferenceCustomer: Equatable {
  var customerName: String?
  var email: String
  var phone: String?
  var birthDay: String?
  var serialNumber: String
  var registrationDate: Int64?
  var lastUpdateDate: Int64?
  var shareWithResearchAsOfDate: Int64?
  var shareWithPublicAsOfDate: Int64?
  var shareWithFriendsAsOfDate: Int64?

  init(_ object: [String: Any]) throws {
    email = try ReferenceJSON.requiredString(object["email"])
    serialNumber = try ReferenceJSON.requiredString(object["serialNumber"])
    customerName = try ReferenceJSON.optionalString(object["customerName"])
    phone = try ReferenceJSON.optionalString(object["phone"])
    birthDay = try ReferenceJSON.optionalString(object["birthDay"])
    registrationDate = try ReferenceJSON.optionalTime(object["registrationDate"])
    lastUpdateDate = try ReferenceJSON.optionalTime(object["lastUpdateDate"])
    shareWithResearchAsOfDate = try ReferenceJSON.optionalTime(
      object["shareWithResearchAsOfDate"])
    shareWithPublicAsOfDate = try ReferenceJSON.optionalTime(object["shareWithPublicAsOfDate"])
    shareWithFriendsAsOfDate = try ReferenceJSON.optionalTime(
      object["shareWithFriendsAsOfDate"])
  }
}

/// A valid accelerometer reading as the reference reads it.
struct ReferenceReading {
  var user: String
  var timestamp: Int64

  init(_ object: [String: Any]) throws {
    user = try ReferenceJSON.requiredString(object["user"])
    timestamp = try ReferenceJSON.requiredTime(object["timestamp"])
    for axis in ["x", "y", "z"] { try ReferenceJSON.requiredNumber(object[axis]) }
  }
}

/// A valid step-trainer reading as the reference reads it.
struct ReferenceStep {
  var sensorReadingTime: Int64
  var serialNumber: String

  init(_ object: [String: Any]) throws {
    sensorReadingTime = try ReferenceJSON.requiredTime(object["sensorReadingTime"])
    serialNumber = try ReferenceJSON.requiredString(object["serialNumber"])
    try ReferenceJSON.requiredNumber(object["distanceFromObject"])
  }
}

/// A landing row: a record, or why it is quarantined.
enum ReferenceRow<Record> {
  case valid(Record)
  case quarantined(ReasonCode)

  init(_ line: [UInt8], _ make: ([String: Any]) throws -> Record) {
    switch ReferenceJSON.object(line) {
    case .quarantined(let reason): self = .quarantined(reason)
    case .object(let object):
      if let record = try? make(object) {
        self = .valid(record)
      } else {
        self = .quarantined(.schemaViolation)
      }
    }
  }

  var record: Record? {
    if case .valid(let record) = self { return record }
    return nil
  }
}
