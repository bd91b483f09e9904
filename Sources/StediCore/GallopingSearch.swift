/// Lower bounds in a sorted buffer, searched outwards from a position (exponential, or
/// "galloping", search): O(log d) comparisons for an answer d places away, so a sequence of
/// lookups of nearly ascending keys touches only the memory near each answer.
public enum GallopingSearch {
  /// The first index of `elements` (sorted by `isBelow`) whose element is not below the
  /// wanted key, searched from `near`. `isBelow(e)` tells whether `e` sorts before the key.
  @inlinable
  public static func lowerBound<Element>(
    in elements: UnsafeBufferPointer<Element>, near: Int, isBelow: (Element) -> Bool
  ) -> Int {
    lowerBound(count: elements.count, near: near) { isBelow(elements[$0]) }
  }

  /// The same over positions `0..<count`: `isBelow(i)` tells whether element `i` sorts before
  /// the key (for elements that are not in one buffer, e.g. blocks of a file).
  @inlinable
  public static func lowerBound(count: Int, near: Int, isBelow: (Int) throws -> Bool) rethrows -> Int {
    let start = min(max(near, 0), count)
    var low: Int
    var high: Int
    if start < count, try isBelow(start) {
      // Forward: the answer is past `start`.
      var step = 1
      low = start + 1
      while start + step < count, try isBelow(start + step) {
        low = start + step + 1
        step *= 2
      }
      high = min(start + step, count)
    } else if start > 0, !(try isBelow(start - 1)) {
      // Backward: the answer is before `start`.
      var step = 1
      high = start - 1
      while start - 1 - step >= 0, !(try isBelow(start - 1 - step)) {
        high = start - 1 - step
        step *= 2
      }
      low = max(start - step, 0)
    } else {
      return start
    }
    while low < high {
      let middle = (low + high) / 2
      if try isBelow(middle) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
