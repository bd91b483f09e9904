public import StediCore

/// Accelerometer-first order, phase 1: accelerometer readings are decided (the join's indexed
/// side); nothing is paired yet.
public struct AccelerometerIntake: ~Copyable, LandingIntake {
  let core: GuardedLayerCore
  /// The number of `customer_trusted` rows.
  public let trustedCustomers: Int

  /// Decides an accelerometer reading; writes it to `accelerometer_trusted` if admitted.
  public func submit(_ row: GuardedLayer.LandingRow<AccelerometerReading>) throws -> TrustedRow<AccelerometerReading>? {
    try core.submit(row)
  }

  /// Ends the accelerometer readings: the customers can be curated.
  public consuming func finishAccelerometer() -> CurationBeforeJoin { CurationBeforeJoin(core: core) }

  public var landing: LandingFiles { LandingFiles(core: core) }
}
