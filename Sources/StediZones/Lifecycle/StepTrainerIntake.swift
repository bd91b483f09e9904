public import StediCore
public import StediPolicy

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

  public var policy: Policy { core.policy }

  public func registerLanding(table: TableID, path: String) throws -> SourceFile {
    try core.registerLanding(table: table, path: path)
  }

  public func completeLanding(_ file: SourceFile, sha256: String, bytes: Int64, rows: Int64) throws {
    try core.completeLanding(file, sha256: sha256, bytes: bytes, rows: rows)
  }

  public func quarantine(
    _ error: RowError, source: SourceFile, line: Int64, raw: UnsafeRawBufferPointer, digest: Digest128
  ) throws {
    try core.quarantine(error, source: source, line: line, raw: raw, digest: digest)
  }
}
