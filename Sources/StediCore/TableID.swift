/// A zone of the lakehouse.
public enum ZoneID: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
  case landing, trusted, curated, quarantine

  /// The zones a run publishes (a workspace's top-level folders beside `landing`).
  public static let published: [ZoneID] = [.trusted, .curated, .quarantine]

  public var description: String { rawValue }
}

/// A table of the STEDI lakehouse; the raw values are part of the interface.
///
/// Landing tables are read from `<landing>/<source>/` (for example `customer/`, or
/// `customer/landing/` as in the public export); trusted and curated tables are written under
/// `WORKSPACE/<zone>/<table>/`.
public enum TableID: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
  case customerLanding = "customer_landing"
  case accelerometerLanding = "accelerometer_landing"
  case stepTrainerLanding = "step_trainer_landing"
  case customerTrusted = "customer_trusted"
  case accelerometerTrusted = "accelerometer_trusted"
  case stepTrainerTrusted = "step_trainer_trusted"
  case customerCurated = "customer_curated"
  case machineLearningCurated = "machine_learning_curated"

  public var description: String { rawValue }

  public var zone: ZoneID {
    switch self {
    case .customerLanding, .accelerometerLanding, .stepTrainerLanding: .landing
    case .customerTrusted, .accelerometerTrusted, .stepTrainerTrusted: .trusted
    case .customerCurated, .machineLearningCurated: .curated
    }
  }

  /// The source name of a landing table: the directory it is read from.
  public var sourceName: String {
    switch self {
    case .customerLanding, .customerTrusted, .customerCurated: "customer"
    case .accelerometerLanding, .accelerometerTrusted: "accelerometer"
    case .stepTrainerLanding, .stepTrainerTrusted: "step_trainer"
    case .machineLearningCurated: "machine_learning"
    }
  }

  /// The trusted table a landing table feeds (a trusted or curated table feeds itself).
  public var trusted: TableID {
    switch self {
    case .customerLanding: .customerTrusted
    case .accelerometerLanding: .accelerometerTrusted
    case .stepTrainerLanding: .stepTrainerTrusted
    default: self
    }
  }

  /// The tables a run writes, in a fixed order.
  public static let outputs: [TableID] = [
    .customerTrusted, .accelerometerTrusted, .stepTrainerTrusted, .customerCurated,
    .machineLearningCurated,
  ]

  /// The landing tables a run reads.
  public static let landings: [TableID] = [
    .customerLanding, .accelerometerLanding, .stepTrainerLanding,
  ]

  /// The table of a `code`, nil for none.
  public init?(code: Int) {
    guard let table = Self.byCode[code] else { return nil }
    self = table
  }

  private static let byCode = Dictionary(uniqueKeysWithValues: allCases.map { ($0.code, $0) })

  /// A stable small integer, used as a compact key in the audit log.
  public var code: Int {
    switch self {
    case .customerLanding: 1
    case .accelerometerLanding: 2
    case .stepTrainerLanding: 3
    case .customerTrusted: 4
    case .accelerometerTrusted: 5
    case .stepTrainerTrusted: 6
    case .customerCurated: 7
    case .machineLearningCurated: 8
    }
  }
}
