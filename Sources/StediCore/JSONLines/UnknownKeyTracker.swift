/// Finds a key that appears twice among the unknown keys of one line. Allocates nothing for up to
/// two unknown keys.
struct UnknownKeyTracker {
  private var first: RawJSONString?
  private var others: Set<[UInt8]> = []

  /// Records `key`; returns `false` if an equal key (escapes resolved) was recorded before.
  ///
  /// - Warning: Keeps a pointer to the first key: use within the scan of one line.
  mutating func insert(_ key: RawJSONString) -> Bool {
    guard let first else {
      self.first = key
      return true
    }
    if first.hasSameValue(as: key) { return false }
    return others.insert(key.withUnescapedBytes { Array($0) }).inserted
  }
}
