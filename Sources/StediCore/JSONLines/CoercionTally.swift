/// How many accepted rows of one landing table each type-drift rule was applied to, per field.
///
/// ```swift
/// var tally = CoercionTally(table: .customerLanding)
/// tally.add(coercions)              // once per accepted row
/// tally.counts                      // [CoercionCount(table: "customer_landing", field: "phone", …)]
/// ```
public struct CoercionTally: Hashable, Sendable {
  public let table: TableID
  /// Rows per bit index of ``Coercions``.
  private var rows: [Int64] = Array(
    repeating: 0, count: Coercion.allCases.count * Coercions.maximumFields)

  public init(table: TableID) { self.table = table }

  /// Counts the coercions of one row.
  @inline(__always)
  public mutating func add(_ coercions: Coercions) {
    guard !coercions.isEmpty else { return }
    coercions.forEachIndex { rows[$0] += 1 }
  }

  /// Adds another tally of the same table.
  public mutating func merge(_ other: CoercionTally) {
    precondition(other.table == table, "tallies of different tables")
    for index in rows.indices { rows[index] += other.rows[index] }
  }

  /// The non-zero counts, by field order then rule order.
  public var counts: [CoercionCount] {
    let names = LandingFields.names(of: table)
    var out: [CoercionCount] = []
    for (field, name) in names.enumerated() {
      for rule in Coercion.allCases {
        let count = rows[rule.rawValue * Coercions.maximumFields + field]
        if count > 0 {
          out.append(CoercionCount(table: table.rawValue, field: name, rule: rule.name, rows: count))
        }
      }
    }
    return out
  }
}

/// Accepted rows of one landing table whose `field` was taken under one type-drift `rule`.
public struct CoercionCount: Hashable, Sendable, Codable {
  /// The landing table (`customer_landing`).
  public var table: String
  /// The field, as the schema names it (`phone`).
  public var field: String
  /// The rule's name (`number_as_string`; see ``Coercion``).
  public var rule: String
  public var rows: Int64

  public init(table: String, field: String, rule: String, rows: Int64) {
    self.table = table
    self.field = field
    self.rule = rule
    self.rows = rows
  }
}
