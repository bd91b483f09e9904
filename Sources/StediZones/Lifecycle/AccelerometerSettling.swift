public import StediCore

/// Accelerometer-first order, last phase: the accelerometer rows (whose pairs were all offered)
/// are settled, then the layer is finished.
public struct AccelerometerSettling: ~Copyable {
  let core: GuardedLayerCore

  /// Settles an accelerometer row's part in the join: counted as admitted if it was paired, else
  /// recorded as `no_match`. Once per trusted row.
  public func settle(_ row: TrustedRow<AccelerometerReading>) throws { try core.settle(row) }

  /// Flushes and syncs every file, records their digests and commits the lineage.
  ///
  /// - Throws: `ZoneError.notConserved` if any table's counts do not add up (a trusted reading
  ///   not settled, say).
  public consuming func finish() throws -> GuardedLayer.Result { try core.finish() }
}
