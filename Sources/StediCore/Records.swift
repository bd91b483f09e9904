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
  /// The five time fields, packed: 41 bytes where five `Int64?` took 80 (a run holds every
  /// customer record at once).
  private var times = PackedTimes()

  public var registrationDate: Int64? {
    get { times[.registrationDate] }
    set { times[.registrationDate] = newValue }
  }
  public var lastUpdateDate: Int64? {
    get { times[.lastUpdateDate] }
    set { times[.lastUpdateDate] = newValue }
  }
  public var shareWithResearchAsOfDate: Int64? {
    get { times[.shareWithResearchAsOfDate] }
    set { times[.shareWithResearchAsOfDate] = newValue }
  }
  public var shareWithPublicAsOfDate: Int64? {
    get { times[.shareWithPublicAsOfDate] }
    set { times[.shareWithPublicAsOfDate] = newValue }
  }
  public var shareWithFriendsAsOfDate: Int64? {
    get { times[.shareWithFriendsAsOfDate] }
    set { times[.shareWithFriendsAsOfDate] = newValue }
  }

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
  public func time(_ field: CustomerTimeField) -> Int64? { times[field] }
}

/// Five optional times: which are present, and their values (0 when absent, so that equal
/// records compare and hash equal).
private struct PackedTimes: Hashable, Sendable {
  private var values: (Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0)
  private var present: UInt8 = 0

  subscript(field: CustomerTimeField) -> Int64? {
    get {
      let bit = Self.bit(field)
      guard present & bit != 0 else { return nil }
      return switch field {
      case .registrationDate: values.0
      case .lastUpdateDate: values.1
      case .shareWithResearchAsOfDate: values.2
      case .shareWithPublicAsOfDate: values.3
      case .shareWithFriendsAsOfDate: values.4
      }
    }
    set {
      let bit = Self.bit(field)
      if newValue == nil { present &= ~bit } else { present |= bit }
      let value = newValue ?? 0
      switch field {
      case .registrationDate: values.0 = value
      case .lastUpdateDate: values.1 = value
      case .shareWithResearchAsOfDate: values.2 = value
      case .shareWithPublicAsOfDate: values.3 = value
      case .shareWithFriendsAsOfDate: values.4 = value
      }
    }
  }

  private static func bit(_ field: CustomerTimeField) -> UInt8 {
    switch field {
    case .registrationDate: 1
    case .lastUpdateDate: 2
    case .shareWithResearchAsOfDate: 4
    case .shareWithPublicAsOfDate: 8
    case .shareWithFriendsAsOfDate: 16
    }
  }

  static func == (lhs: PackedTimes, rhs: PackedTimes) -> Bool {
    lhs.present == rhs.present && lhs.values == rhs.values
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(present)
    hasher.combine(values.0)
    hasher.combine(values.1)
    hasher.combine(values.2)
    hasher.combine(values.3)
    hasher.combine(values.4)
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
