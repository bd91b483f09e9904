/// The curation profiles whose expected results the ground truth records
/// (see `docs/semantics.md`).
public enum SynthProfile: String, Hashable, Sendable, Codable, CaseIterable {
  /// Per-customer joins, consent time applied, ambiguity never guessed.
  case strict
  /// The course's Glue jobs: exact emails, no de-duplication, timestamp-only join.
  case udacityRubric = "udacity-rubric"
}
