public import StediCore
public import StediPolicy

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
