public import StediCore

/// A row the policy engine admitted into `destination`.
///
/// Only the policy engine can make one (its initialiser is internal to this module), and zone
/// writers accept nothing else: a row that was not admitted can't be written.
public struct Admitted<Row: Sendable>: Sendable {
  public let row: Row
  /// The table the row was admitted into.
  public let destination: TableID
  /// The customer the row belongs to (an index into the engine's registry), if attributable.
  public let customer: CustomerIndex?

  package init(_ row: Row, into destination: TableID, customer: CustomerIndex?) {
    self.row = row
    self.destination = destination
    self.customer = customer
  }
}

/// The policy engine's decision on one row.
public enum Decision<Row: Sendable>: Sendable {
  case admitted(Admitted<Row>)
  /// Excluded, with the reason and whom the row belongs to (for the audit log's pseudonym).
  case excluded(ReasonCode, Subject)

  /// The reason code (`admitted` for admitted rows).
  public var reason: ReasonCode {
    switch self {
    case .admitted: .admitted
    case .excluded(let reason, _): reason
    }
  }
}

/// Whom an excluded row belongs to.
public enum Subject: Hashable, Sendable {
  /// A customer of the registry.
  case customer(CustomerIndex)
  /// An email key that matches no customer record (an unknown user).
  case unregistered(emailKey: String)
  /// Not attributable (unknown or shared serial).
  case none
}

/// A customer of the engine's registry: one email key.
public struct CustomerIndex: Hashable, Sendable, Comparable {
  public let value: Int32

  package init(_ value: Int) { self.value = Int32(value) }

  public var index: Int { Int(value) }

  public static func < (lhs: CustomerIndex, rhs: CustomerIndex) -> Bool { lhs.value < rhs.value }
}

/// A machine-learning row: one step-trainer reading paired with one accelerometer reading.
public struct MachineLearningPair: Sendable {
  public let step: StepTrainerReading
  public let accelerometer: AccelerometerReading
  /// True if the two readings belong to different customers (only under `time_only` joins).
  public let crossCustomer: Bool
}
