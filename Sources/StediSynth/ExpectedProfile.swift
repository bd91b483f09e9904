public import StediCore

/// The expected results of one profile's run over the generated landing data.
public struct ExpectedProfile: Hashable, Sendable, Codable {
  /// Counts by output table raw value (`customer_trusted`, …, `machine_learning_curated`).
  public var tables: [String: ExpectedTableCounts]
  /// `machine_learning_curated` pairs joining readings of different customers
  /// (`udacity-rubric` only; `nil` for `strict`, which never pairs different customers).
  public var crossCustomerPairs: Int?

  public init(tables: [String: ExpectedTableCounts], crossCustomerPairs: Int?) {
    self.tables = tables
    self.crossCustomerPairs = crossCustomerPairs
  }

  /// The counts of one output table.
  public subscript(table: TableID) -> ExpectedTableCounts? { tables[table.rawValue] }
}
