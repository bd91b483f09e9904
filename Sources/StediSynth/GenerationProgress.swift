/// How far a generation has come, reported through `SyntheticDataGenerator.write`'s callback.
public struct GenerationProgress: Hashable, Sendable {
  /// What the generator is doing.
  public enum Phase: String, Hashable, Sendable, Codable {
    /// Planning customers and computing their statuses (nothing written yet).
    case planning
    /// Writing `customer/landing`.
    case customers
    /// Writing `accelerometer/landing` and `step_trainer/landing`.
    case readings
    /// All files and `ground-truth.json` are written.
    case done
  }

  public var phase: Phase
  /// Customers whose data has been handled in this phase.
  public var customersDone: Int
  /// All customers.
  public var customersTotal: Int
  /// Bytes written so far, all tables together.
  public var bytesWritten: Int64

  public init(phase: Phase, customersDone: Int, customersTotal: Int, bytesWritten: Int64) {
    self.phase = phase
    self.customersDone = customersDone
    self.customersTotal = customersTotal
    self.bytesWritten = bytesWritten
  }

  /// The fraction of the whole generation done, from 0 to 1; never decreases from one report
  /// to the next (planning weighs 15 %, customers 5 %, readings 80 %).
  public var fraction: Double {
    let phaseDone = customersTotal > 0 ? min(1, Double(customersDone) / Double(customersTotal)) : 1
    switch phase {
    case .planning: return 0.15 * phaseDone
    case .customers: return 0.15 + 0.05 * phaseDone
    case .readings: return 0.2 + 0.8 * phaseDone
    case .done: return 1
    }
  }
}
