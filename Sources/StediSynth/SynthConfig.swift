/// What to generate: how many customers, how many readings, which seed, and whether to plant
/// defects.
///
/// The same configuration always produces byte-identical files.
///
/// ```swift
/// let config = SynthConfig(customers: 200, seed: 7, defects: true)
/// let truth = try SyntheticDataGenerator(config: config).write(to: directory)
/// ```
public struct SynthConfig: Hashable, Sendable, Codable {
  /// The number of distinct customers (people), including those whose only record is broken.
  public var customers: Int
  /// The mean number of accelerometer readings per customer (85 in the public export), over
  /// all customers: about 4 % have none, the others make up for them. Step-trainer readings
  /// are about 35 % as many.
  public var readingsPerCustomer: Int
  /// The seed of every random choice.
  public var seed: UInt64
  /// Whether to plant malformed lines, schema violations, duplicates, re-registrations,
  /// conflicting records, shared serials, unknown users and serials, case-variant users,
  /// unknown fields, integral float times, blank lines, a CRLF file and an empty file: a few
  /// per thousand rows, and every kind at least once from about 20 customers on (see
  /// `GroundTruth.planted`).
  public var defects: Bool
  /// The maximum number of rows per landing file.
  public var rowsPerFile: Int
  /// How the records are spelled (the same records in every form).
  public var form: LandingForm = .export

  public init(
    customers: Int = 1_000, readingsPerCustomer: Int = 85, seed: UInt64 = 1,
    defects: Bool = false, rowsPerFile: Int = 100_000
  ) {
    self.customers = customers
    self.readingsPerCustomer = readingsPerCustomer
    self.seed = seed
    self.defects = defects
    self.rowsPerFile = rowsPerFile
  }

  /// Checks that the numbers are usable.
  ///
  /// - Throws: `SynthError.invalidConfig` naming the field at fault.
  public func validate() throws(SynthError) {
    guard customers >= 1, customers <= 50_000_000 else {
      throw .invalidConfig(field: "customers", detail: "must be between 1 and 50000000")
    }
    guard readingsPerCustomer >= 0, readingsPerCustomer <= 100_000 else {
      throw .invalidConfig(
        field: "readingsPerCustomer", detail: "must be between 0 and 100000")
    }
    guard rowsPerFile >= 1 else {
      throw .invalidConfig(field: "rowsPerFile", detail: "must be at least 1")
    }
  }
}
