public import StediCore

/// Step-trainer-first order, phase 1: step-trainer readings are decided (the join's indexed
/// side); nothing is paired yet.
public struct StepTrainerIntake: ~Copyable, LandingIntake {
  let core: GuardedLayerCore
  /// The number of `customer_trusted` rows.
  public let trustedCustomers: Int

  /// Decides a step-trainer reading; writes it to `step_trainer_trusted` if admitted.
  public func submit(_ row: GuardedLayer.LandingRow<StepTrainerReading>) throws -> TrustedRow<StepTrainerReading>? {
    try core.submit(row)
  }

  /// Ends the step-trainer readings; the accelerometer readings come next, joined to them.
  public consuming func finishStepTrainer() -> AccelerometerJoin { AccelerometerJoin(core: core) }

  public var landing: LandingFiles { LandingFiles(core: core) }
}
