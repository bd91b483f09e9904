public import StediCore

/// A column an output table may carry.
public enum OutputColumn: String, Hashable, Sendable, Codable, CaseIterable {
  /// The keyed pseudonym of the customer (derived; never an identity).
  case customerId
  case customerName, email, phone, birthDay, serialNumber
  case registrationDate, lastUpdateDate
  case shareWithResearchAsOfDate, shareWithPublicAsOfDate, shareWithFriendsAsOfDate
  case user, timestamp, x, y, z
  case sensorReadingTime, distanceFromObject

  /// The type of the column's values (the DDL's column types, a Parquet file's).
  public var valueType: ColumnType {
    switch self {
    case .customerId, .customerName, .email, .phone, .birthDay, .serialNumber, .user: .text
    case .registrationDate, .lastUpdateDate, .shareWithResearchAsOfDate, .shareWithPublicAsOfDate,
      .shareWithFriendsAsOfDate, .timestamp, .sensorReadingTime:
      .integer
    case .x, .y, .z, .distanceFromObject: .real
    }
  }

  /// Direct or device identifiers: forbidden in curated tables by `identifiers_in_curated: forbid`.
  public var isIdentifier: Bool {
    switch self {
    case .customerName, .email, .phone, .birthDay, .serialNumber, .user: true
    default: false
    }
  }

  /// The columns each output table can carry.
  public static func available(in table: TableID) -> [OutputColumn] {
    let customer: [OutputColumn] = [
      .customerId, .customerName, .email, .phone, .birthDay, .serialNumber, .registrationDate,
      .lastUpdateDate, .shareWithResearchAsOfDate, .shareWithPublicAsOfDate,
      .shareWithFriendsAsOfDate,
    ]
    let accelerometer: [OutputColumn] = [.customerId, .user, .timestamp, .x, .y, .z]
    let stepTrainer: [OutputColumn] = [
      .customerId, .sensorReadingTime, .serialNumber, .distanceFromObject,
    ]
    switch table {
    case .customerTrusted, .customerCurated: return customer
    case .accelerometerTrusted: return accelerometer
    case .stepTrainerTrusted: return stepTrainer
    case .machineLearningCurated:
      return [.customerId, .sensorReadingTime, .serialNumber, .distanceFromObject, .user, .timestamp,
        .x, .y, .z]
    case .customerLanding, .accelerometerLanding, .stepTrainerLanding: return []
    }
  }
}
