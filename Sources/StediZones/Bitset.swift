/// A growable set of small non-negative integers.
struct Bitset {
  private var words: [UInt64] = []

  mutating func insert(_ value: Int64) {
    let word = Int(value >> 6)
    if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
    words[word] |= 1 << UInt64(value & 63)
  }

  func contains(_ value: Int64) -> Bool {
    let word = Int(value >> 6)
    guard word < words.count else { return false }
    return words[word] & (1 << UInt64(value & 63)) != 0
  }
}
