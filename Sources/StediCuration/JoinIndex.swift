import StediCore
import StediPolicy
import StediZones

/// The trusted rows of one side of the machine-learning join, found by join key (customer and
/// time, or time only).
///
/// Rows are appended while their table is read, then `seal()` sorts them by key once; lookups
/// are binary searches. No hash table: memory is the rows themselves.
struct JoinIndex<Row: Sendable> {
  struct Key: Comparable {
    var customer: Int32
    var time: Int64

    static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.customer, lhs.time) < (rhs.customer, rhs.time)
    }
  }

  private(set) var rows: [TrustedRow<Row>] = []
  private var sealed = false
  /// Where the last lookup's key was found (see `forEach`).
  private var cursor = 0
  let byCustomer: Bool
  private let time: (Row) -> Int64

  /// `expectedRows` is an upper bound of the rows to come: reserving it up front avoids copying
  /// a large array as it grows (untouched reserved pages cost no resident memory).
  init(byCustomer: Bool, expectedRows: Int = 0, time: @escaping (Row) -> Int64) {
    self.byCustomer = byCustomer
    self.time = time
    rows.reserveCapacity(expectedRows)
  }

  private func key(customer: CustomerIndex?, time: Int64) -> Key {
    Key(customer: byCustomer ? (customer?.value ?? -1) : -1, time: time)
  }

  private func key(of row: TrustedRow<Row>) -> Key { key(customer: row.admitted.customer, time: time(row.row)) }

  mutating func add(_ row: TrustedRow<Row>) {
    precondition(!sealed, "rows added to a sealed join index")
    rows.append(row)
  }

  /// Sorts the rows by key, keeping the order they were added in among equal keys.
  mutating func seal() {
    let (time, byCustomer) = (self.time, self.byCustomer)
    func key(_ row: TrustedRow<Row>) -> Key {
      Key(customer: byCustomer ? (row.admitted.customer?.value ?? -1) : -1, time: time(row.row))
    }
    var sorted = rows
    rows = []
    sorted.sort { left, right in
      let (a, b) = (key(left), key(right))
      return a < b || (a == b && left.line < right.line)
    }
    rows = sorted
    sealed = true
  }

  /// Calls `body` for each row with this key, in the order they were added.
  ///
  /// Through the array's buffer: `body` gets each row borrowed, where an array subscript
  /// passed to a closure is a copy (a retain and release of its strings) per row.
  ///
  /// The search starts where the last one ended (`cursor`) and gallops from there: the other
  /// side's rows come grouped by customer and in time order, so the next key is almost always
  /// at or just after the last one, and a binary search over the whole index cost a cache miss
  /// per level for every row (the index outgrows the caches: 230 MB at L).
  mutating func forEach(customer: CustomerIndex?, time: Int64, _ body: (TrustedRow<Row>) throws -> Void) rethrows {
    precondition(sealed, "lookup in an unsealed join index")
    let wanted = key(customer: customer, time: time)
    let start = cursor
    let found: Int = try rows.withUnsafeBufferPointer { rows in
      let lower = GallopingSearch.lowerBound(in: rows, near: start) { key(of: $0) < wanted }
      var index = lower
      while index < rows.count, key(of: rows[index]) == wanted {
        try body(rows[index])
        index += 1
      }
      return lower
    }
    cursor = found
  }
}
