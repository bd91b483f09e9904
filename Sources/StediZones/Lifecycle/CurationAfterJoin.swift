/// Step-trainer-first order, phase 3: every reading was decided and joined; the customers are
/// curated next.
public struct CurationAfterJoin: ~Copyable {
  let core: GuardedLayerCore

  /// Decides every `customer_trusted` row for `customer_curated`.
  public consuming func curate() throws -> StepTrainerSettling {
    try core.curate()
    return StepTrainerSettling(core: core)
  }
}
