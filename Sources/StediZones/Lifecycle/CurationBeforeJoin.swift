/// Accelerometer-first order, phase 2: every accelerometer reading was decided; the customers
/// are curated before any step-trainer reading (whose decision depends on `customer_curated`).
public struct CurationBeforeJoin: ~Copyable {
  let core: GuardedLayerCore

  /// Decides every `customer_trusted` row for `customer_curated`.
  public consuming func curate() throws -> StepTrainerJoin {
    try core.curate()
    return StepTrainerJoin(core: core)
  }
}
