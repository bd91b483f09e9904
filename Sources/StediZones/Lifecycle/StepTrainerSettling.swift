public import StediCore

/// Step-trainer-first order, last phase: the step-trainer rows (whose pairs were all offered)
/// are settled, then the layer is finished.
public struct StepTrainerSettling: ~Copyable {
  let core: GuardedLayerCore

  /// Settles a step-trainer row's part in the join: counted as admitted if it was paired, else
  /// recorded as `no_match`. Once per trusted row.
  public func settle(_ row: TrustedRow<StepTrainerReading>) throws { try core.settle(row) }

  /// Flushes and syncs every file, records their digests and commits the lineage.
  ///
  /// - Throws: `ZoneError.notConserved` if any table's counts do not add up (a trusted reading
  ///   not settled, say).
  public consuming func finish() throws -> GuardedLayer.Result { try core.finish() }
}
