public import StediCore

/// Accelerometer-first order, phase 3: step-trainer readings are decided and joined to the
/// trusted accelerometer readings; each step-trainer row is settled once its pairs were offered.
public struct StepTrainerJoin: ~Copyable, LandingIntake {
  let core: GuardedLayerCore

  /// Decides a step-trainer reading; writes it to `step_trainer_trusted` if admitted.
  public func submit(_ row: GuardedLayer.LandingRow<StepTrainerReading>) throws -> TrustedRow<StepTrainerReading>? {
    try core.submit(row)
  }

  /// Offers a pair of trusted readings to the machine-learning join. If the policy pairs them,
  /// writes the `machine_learning_curated` row and records both parents; returns whether it did.
  @discardableResult
  public func pair(_ step: TrustedRow<StepTrainerReading>, _ accelerometer: TrustedRow<AccelerometerReading>) throws -> Bool {
    try core.pair(step, accelerometer)
  }

  /// Settles a step-trainer row's part in the join once all its pairs were offered: counted as
  /// admitted if it was paired, else recorded as `no_match`. Once per trusted row.
  public func settle(_ row: TrustedRow<StepTrainerReading>) throws { try core.settle(row) }

  /// Ends the step-trainer readings; the accelerometer rows are settled next.
  public consuming func finishStepTrainer() -> AccelerometerSettling { AccelerometerSettling(core: core) }

  public var landing: LandingFiles { LandingFiles(core: core) }
}
