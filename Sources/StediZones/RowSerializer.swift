import StediCore
import StediPolicy

/// Turns admitted rows into the JSON lines of their table, carrying only the policy's columns
/// (data minimisation). `customerId` is the customer's keyed pseudonym.
final class RowSerializer {
  let columns: [OutputColumn]
  private var builder = JSONLineBuilder()

  init(columns: [OutputColumn]) { self.columns = columns }

  /// `record` with only what this serializer writes of it and its serial number (which curation
  /// decides by): what a row kept for a later table needs, without the other fields' strings.
  func keepingWritten(_ record: CustomerRecord) -> CustomerRecord {
    var kept = CustomerRecord(email: "", serialNumber: record.serialNumber)
    for column in columns {
      switch column {
      case .customerName: kept.customerName = record.customerName
      case .email: kept.email = record.email
      case .phone: kept.phone = record.phone
      case .birthDay: kept.birthDay = record.birthDay
      case .registrationDate: kept.registrationDate = record.registrationDate
      case .lastUpdateDate: kept.lastUpdateDate = record.lastUpdateDate
      case .shareWithResearchAsOfDate: kept.shareWithResearchAsOfDate = record.shareWithResearchAsOfDate
      case .shareWithPublicAsOfDate: kept.shareWithPublicAsOfDate = record.shareWithPublicAsOfDate
      case .shareWithFriendsAsOfDate: kept.shareWithFriendsAsOfDate = record.shareWithFriendsAsOfDate
      default: continue
      }
    }
    return kept
  }

  func customer(_ record: CustomerRecord, customerId: String?) -> [UInt8] {
    build { builder in
      for column in columns {
        let name = column.rawValue
        switch column {
        case .customerId: builder.string(name, customerId)
        case .customerName: builder.string(name, record.customerName)
        case .email: builder.string(name, record.email)
        case .phone: builder.string(name, record.phone)
        case .birthDay: builder.string(name, record.birthDay)
        case .serialNumber: builder.string(name, record.serialNumber)
        case .registrationDate: builder.integer(name, record.registrationDate)
        case .lastUpdateDate: builder.integer(name, record.lastUpdateDate)
        case .shareWithResearchAsOfDate: builder.integer(name, record.shareWithResearchAsOfDate)
        case .shareWithPublicAsOfDate: builder.integer(name, record.shareWithPublicAsOfDate)
        case .shareWithFriendsAsOfDate: builder.integer(name, record.shareWithFriendsAsOfDate)
        default: continue
        }
      }
    }
  }

  func accelerometer(_ reading: AccelerometerReading, customerId: String?) -> [UInt8] {
    build { builder in
      for column in columns {
        Self.accelerometerField(column, reading, customerId: customerId, into: &builder)
      }
    }
  }

  func stepTrainer(_ reading: StepTrainerReading, customerId: String?) -> [UInt8] {
    build { builder in
      for column in columns {
        Self.stepTrainerField(column, reading, customerId: customerId, into: &builder)
      }
    }
  }

  func machineLearning(_ pair: MachineLearningPair, customerId: String?) -> [UInt8] {
    build { builder in
      for column in columns {
        switch column {
        case .user, .timestamp, .x, .y, .z:
          Self.accelerometerField(
            column, pair.accelerometer, customerId: customerId, into: &builder)
        default: Self.stepTrainerField(column, pair.step, customerId: customerId, into: &builder)
        }
      }
    }
  }

  /// One line, built with one access to the builder (not one per field).
  private func build(_ fields: (inout JSONLineBuilder) -> Void) -> [UInt8] {
    builder.reset()
    fields(&builder)
    builder.finish()
    return builder.bytes
  }

  private static func accelerometerField(
    _ column: OutputColumn, _ reading: AccelerometerReading, customerId: String?,
    into builder: inout JSONLineBuilder
  ) {
    let name = column.rawValue
    switch column {
    case .customerId: builder.string(name, customerId)
    case .user: builder.string(name, reading.user)
    case .timestamp: builder.integer(name, reading.timestamp)
    case .x: builder.number(name, reading.x)
    case .y: builder.number(name, reading.y)
    case .z: builder.number(name, reading.z)
    default: break
    }
  }

  private static func stepTrainerField(
    _ column: OutputColumn, _ reading: StepTrainerReading, customerId: String?,
    into builder: inout JSONLineBuilder
  ) {
    let name = column.rawValue
    switch column {
    case .customerId: builder.string(name, customerId)
    case .sensorReadingTime: builder.integer(name, reading.sensorReadingTime)
    case .serialNumber: builder.string(name, reading.serialNumber)
    case .distanceFromObject: builder.number(name, reading.distanceFromObject)
    default: break
    }
  }
}
