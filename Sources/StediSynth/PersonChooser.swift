/// Picks distinct customers for the features that must appear at least once.
struct PersonChooser {
  private var used: [Bool]
  private var cursor: Int

  init(count: Int, start: Int) {
    used = Array(repeating: false, count: count)
    cursor = start
  }

  /// The next unused customer for which `accept` holds, or `nil`.
  mutating func next(where accept: (Int) -> Bool = { _ in true }) -> Int? {
    for step in 0..<used.count {
      let candidate = (cursor + step) % used.count
      if !used[candidate] && accept(candidate) {
        used[candidate] = true
        cursor = (candidate + 1) % used.count
        return candidate
      }
    }
    return nil
  }

  /// Marks a customer as taken.
  mutating func take(_ person: Int) { used[person] = true }

  func isUsed(_ person: Int) -> Bool { used[person] }
}
