import StediPolicy
import StediZones

/// The trusted rows of one side of the machine-learning join, by join key (customer and time,
/// or time only), in the order they were added.
struct JoinIndex<Row: Sendable> {
  struct Key: Hashable {
    var customer: Int32
    var time: Int64
  }

  private(set) var rows: [TrustedRow<Row>] = []
  private var next: [Int32] = []
  private var heads: [Key: (first: Int32, last: Int32)] = [:]
  let byCustomer: Bool

  init(byCustomer: Bool) { self.byCustomer = byCustomer }

  func key(customer: CustomerIndex?, time: Int64) -> Key {
    Key(customer: byCustomer ? (customer?.value ?? -1) : -1, time: time)
  }

  mutating func add(_ row: TrustedRow<Row>, time: Int64) {
    let position = Int32(rows.count)
    rows.append(row)
    next.append(-1)
    let key = key(customer: row.admitted.customer, time: time)
    if let chain = heads[key] {
      next[Int(chain.last)] = position
      heads[key] = (chain.first, position)
    } else {
      heads[key] = (position, position)
    }
  }

  /// Calls `body` for each row with this key, in insertion order.
  func forEach(customer: CustomerIndex?, time: Int64, _ body: (TrustedRow<Row>) throws -> Void) rethrows {
    guard var position = heads[key(customer: customer, time: time)]?.first else { return }
    while position >= 0 {
      try body(rows[Int(position)])
      position = next[Int(position)]
    }
  }
}
