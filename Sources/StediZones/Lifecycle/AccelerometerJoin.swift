public import StediCore

/// Step-trainer-first order, phase 2: accelerometer readings are decided and joined to the
/// trusted step-trainer readings; each accelerometer row is settled once its pairs were offered.
public struct AccelerometerJoin: ~Copyable, LandingIntake {
  let core: GuardedLayerCore

  /// Decides an accelerometer reading; writes it to `accelerometer_trusted` if admitted.
  public func submit(_ row: GuardedLayer.LandingRow<AccelerometerReading>) throws -> TrustedRow<AccelerometerReading>? {
    try core.submit(row)
  }

  /// Offers a pair of trusted readings to the machine-learning join. If the policy pairs them,
  /// writes the `machine_learning_curated` row and records both parents; returns whether it did.
  @discardableResult
  public func pair(_ step: TrustedRow<StepTrainerReading>, _ accelerometer: TrustedRow<AccelerometerReading>) throws -> Bool {
    try core.pair(step, accelerometer)
  }

  /// Settles an accelerometer row's part in the join once all its pairs were offered: counted
  /// as admitted if it was paired, else recorded as `no_match`. Once per trusted row.
  public func settle(_ row: TrustedRow<AccelerometerReading>) throws { try core.settle(row) }

  /// Ends the accelerometer readings: the customers can be curated.
  public consuming func finishAccelerometer() -> CurationAfterJoin { CurationAfterJoin(core: core) }

  public var landing: LandingFiles { LandingFiles(core: core) }
}
