public import StediCore

public import Foundation

/// What the generator planted and what each profile's run must produce from it.
///
/// Written as `ground-truth.json` (pretty, sorted keys) beside the landing tables; for
/// `SynthConfig(customers: 50, seed: 1, defects: true)`:
///
/// ```json
/// { "config": { "customers": 50, "defects": true, "readingsPerCustomer": 85, … },
///   "landing": { "customer_landing": { "blankLines": 1, "bytes": 22045, "files": 1,
///     "rows": 68 }, "accelerometer_landing": { … }, "step_trainer_landing": { … } },
///   "planted": { "customer.duplicate_customer": 1, "step_trainer.crlf_file": 1, … },
///   "profiles": {
///     "strict": { "tables": { "customer_trusted": { "admitted": 27,
///       "excluded": { "ambiguous_customer": 2, "duplicate": 1, "no_consent": 21,
///         "superseded": 5 },
///       "quarantined": { "malformed": 3, "schema_violation": 9 },
///       "rowsIn": 68, "rowsOut": 27 }, … } },
///     "udacity-rubric": { "crossCustomerPairs": 900, "tables": {
///       "machine_learning_curated": { "admitted": 3025, "excluded": { "no_match": 253 },
///         "quarantined": {}, "rowsIn": 3278, "rowsOut": 3028 }, … } } },
///   "samples": [ { "email": "Sam.Flores2@test.com", "strictStatus": "no_consent",
///     "rubricCurated": true, … } ],
///   "version": 1 }
/// ```
public struct GroundTruth: Hashable, Sendable, Codable {
  /// The format version of this file.
  public var version: Int
  /// The configuration that produced the data.
  public var config: SynthConfig
  /// What was written, by landing table raw value (`customer_landing`, …).
  public var landing: [String: LandingTruth]
  /// Expected results by profile raw value (`strict`, `udacity-rubric`).
  public var profiles: [String: ExpectedProfile]
  /// How many of each planted defect or quirk were written, by kind (for example
  /// `malformed_truncated`, `shared_serial`, `case_variant_user`); empty without defects.
  public var planted: [String: Int]
  /// Up to 20 planted customers of varied status, for trace tests.
  public var samples: [SampleCustomer]

  public init(
    version: Int = 1, config: SynthConfig, landing: [String: LandingTruth],
    profiles: [String: ExpectedProfile], planted: [String: Int], samples: [SampleCustomer]
  ) {
    self.version = version
    self.config = config
    self.landing = landing
    self.profiles = profiles
    self.planted = planted
    self.samples = samples
  }

  /// The expected counts of `table` under `profile`.
  public func counts(_ profile: SynthProfile, _ table: TableID) -> ExpectedTableCounts? {
    profiles[profile.rawValue]?[table]
  }

  /// What was written for a landing table.
  public func landing(_ table: TableID) -> LandingTruth? { landing[table.rawValue] }

  /// The JSON form written to `ground-truth.json`: pretty-printed with sorted keys.
  ///
  /// - Throws: `EncodingError` (not expected for this type).
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var data = try encoder.encode(self)
    data.append(0x0A)
    return data
  }

  /// Reads a `ground-truth.json`.
  ///
  /// - Throws: `DecodingError` when the data is not a ground truth.
  public static func decode(_ data: Data) throws -> GroundTruth {
    try JSONDecoder().decode(GroundTruth.self, from: data)
  }
}
