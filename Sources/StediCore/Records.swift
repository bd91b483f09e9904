/// A customer record of `customer_landing`.
///
/// `email` and `serialNumber` are required; every other field may be absent or null.
/// Times are epoch milliseconds.
public struct CustomerRecord: Hashable, Sendable {
  public var customerName: String?
  public var email: String
  public var phone: String?
  public var birthDay: String?
  public var serialNumber: String
  public var registrationDate: Int64?
  public var lastUpdateDate: Int64?
  public var shareWithResearchAsOfDate: Int64?
  public var shareWithPublicAsOfDate: Int64?
  public var shareWithFriendsAsOfDate: Int64?

  public init(
    customerName: String? = nil, email: String, phone: String? = nil, birthDay: String? = nil,
    serialNumber: String, registrationDate: Int64? = nil, lastUpdateDate: Int64? = nil,
    shareWithResearchAsOfDate: Int64? = nil, shareWithPublicAsOfDate: Int64? = nil,
    shareWithFriendsAsOfDate: Int64? = nil
  ) {
    self.customerName = customerName
    self.email = email
    self.phone = phone
    self.birthDay = birthDay
    self.serialNumber = serialNumber
    self.registrationDate = registrationDate
    self.lastUpdateDate = lastUpdateDate
    self.shareWithResearchAsOfDate = shareWithResearchAsOfDate
    self.shareWithPublicAsOfDate = shareWithPublicAsOfDate
    self.shareWithFriendsAsOfDate = shareWithFriendsAsOfDate
  }

  /// The value of one of the record's time fields.
  public func time(_ field: CustomerTimeField) -> Int64? {
    switch field {
    case .registrationDate: registrationDate
    case .lastUpdateDate: lastUpdateDate
    case .shareWithResearchAsOfDate: shareWithResearchAsOfDate
    case .shareWithPublicAsOfDate: shareWithPublicAsOfDate
    case .shareWithFriendsAsOfDate: shareWithFriendsAsOfDate
    }
  }
}

/// The time fields of a customer record; a policy names one of them as its consent field.
public enum CustomerTimeField: String, Hashable, Sendable, Codable, CaseIterable {
  case registrationDate
  case lastUpdateDate
  case shareWithResearchAsOfDate
  case shareWithPublicAsOfDate
  case shareWithFriendsAsOfDate
}

/// A phone accelerometer reading of `accelerometer_landing`.
public struct AccelerometerReading: Hashable, Sendable {
  /// The customer's email.
  public var user: String
  public var timestamp: Int64
  public var x: JSONNumber
  public var y: JSONNumber
  public var z: JSONNumber

  public init(user: String, timestamp: Int64, x: JSONNumber, y: JSONNumber, z: JSONNumber) {
    self.user = user
    self.timestamp = timestamp
    self.x = x
    self.y = y
    self.z = z
  }
}

/// A Step Trainer reading of `step_trainer_landing`.
public struct StepTrainerReading: Hashable, Sendable {
  public var sensorReadingTime: Int64
  public var serialNumber: String
  public var distanceFromObject: JSONNumber

  public init(sensorReadingTime: Int64, serialNumber: String, distanceFromObject: JSONNumber) {
    self.sensorReadingTime = sensorReadingTime
    self.serialNumber = serialNumber
    self.distanceFromObject = distanceFromObject
  }
}
