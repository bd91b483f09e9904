public import StediCore

/// Movements stored as one record of `movement_range`: the audit log's unit of storage.
///
/// A range holds `rows` movements of one source file to one destination table, with the same
/// reason, destination file and subject; movement `i` (from 0) has
/// - source line `sourceLine + (number of set advance bits 1…i)`: every bit set (`advance` nil)
///   means consecutive lines, a clear bit repeats the previous line (a step-trainer reading
///   that is the parent of several machine-learning rows);
/// - destination line `destinationLine + i` (nil for every movement when excluded);
/// - source digest `digests[16 i ..< 16 i + 16]` when the range stores them (its source is a
///   landing file), else the digest of the landing row that became that trusted line (the
///   range whose destination is that line stores it).
///
/// A run's movements are its ranges in `rowid` order, each expanded in that order: the leaves
/// of its Merkle commitment. Each movement keeps the same leaf as before (`Movement.withLeaf`).
public struct MovementRange: Equatable, Sendable {
  public var sourceFile: Int64
  public var sourceLine: Int64
  public var rows: Int
  /// `(rows + 7) / 8` bytes, bit `i` at byte `i >> 3`, mask `1 << (i & 7)`; nil when every
  /// movement after the first advances the source line by one.
  public var advance: [UInt8]?
  /// `16 × rows` bytes (big-endian digests), or nil when they are resolved through the
  /// destination of the range that moved the source rows into their trusted table.
  public var digests: [UInt8]?
  public var destinationTable: TableID
  public var destinationFile: Int64?
  public var destinationLine: Int64?
  public var reason: ReasonCode
  /// The subject: a `subject.id` in the log, a token index in the writer; -1 for none.
  public var subject: Int64

  /// The most movements one range holds (the writer's batch, and a bound for readers).
  public static let maxRows = 8_192

  /// Whether movement `index` (≥ 1) has the line after the previous one's.
  func advances(at index: Int) -> Bool {
    guard let advance else { return true }
    return Self.bit(advance, index)
  }

  static func bit(_ bytes: [UInt8], _ index: Int) -> Bool {
    let byte = index >> 3
    return byte < bytes.count && bytes[byte] & (1 << UInt8(index & 7)) != 0
  }

  /// Calls `body` with each movement of the range, in order; `digest` gives a movement's digest
  /// (by its index in the range and its source line) where the range stores none. The one
  /// expansion of a range: the writer hashes its leaves from it, readers recompute them.
  public func forEachMovement(
    digest: (Int, Int64) throws -> Digest128, _ body: (Movement) throws -> Void
  ) rethrows {
    var movement = Movement(
      sourceFile: sourceFile, sourceLine: sourceLine, sourceDigest: Digest128(high: 0, low: 0),
      destinationTable: destinationTable, destinationFile: destinationFile,
      destinationLine: destinationLine, reason: reason, subject: subject >= 0 ? subject : nil)
    for index in 0..<rows {
      if index > 0 {
        if advances(at: index) { movement.sourceLine += 1 }
        if let line = movement.destinationLine { movement.destinationLine = line + 1 }
      }
      movement.sourceDigest = try storedDigest(at: index) ?? digest(index, movement.sourceLine)
      try body(movement)
    }
  }

  /// The digest of movement `index`, if the range stores digests (zeros past a short blob).
  public func storedDigest(at index: Int) -> Digest128? {
    guard let digests else { return nil }
    let offset = index * 16
    guard offset + 16 <= digests.count else { return Digest128(high: 0, low: 0) }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for byte in 0..<8 {
      high = high << 8 | UInt64(digests[offset + byte])
      low = low << 8 | UInt64(digests[offset + 8 + byte])
    }
    return Digest128(high: high, low: low)
  }
}

/// Coalesces movements, in recording order, into ranges.
///
/// `interleaved`: movements of different streams (source file, destination table, reason)
/// may alternate — the two parents of each machine-learning row do — and each stream extends
/// its own open range; the ranges are then in the order of their first movement, so the run's
/// leaf order is that of the ranges, expanded. Without it only the last range is extended,
/// which keeps the exact recording order (the conversion of a version-3 log).
struct MovementRangeBuilder {
  let interleaved: Bool
  /// Whether a movement from this source file stores its digest (a landing file).
  let storesDigests: (Int64) -> Bool
  /// Every range with the digests of all its movements (for the Merkle leaves); `stored` says
  /// which ranges keep them in the log.
  private(set) var ranges: [MovementRange] = []
  private(set) var stored: [Bool] = []
  private var lastSource: [Int64] = []
  private var lastDestination: [Int64?] = []
  /// The open range of each stream, most recent last (a handful: a linear search is cheaper
  /// than hashing per movement).
  private var open: [(stream: Stream, range: Int)] = []
  private static let openStreams = 32

  private struct Stream: Hashable {
    var file: Int64
    var table: Int
    var reason: Int
  }

  init(interleaved: Bool, storesDigests: @escaping (Int64) -> Bool) {
    self.interleaved = interleaved
    self.storesDigests = storesDigests
  }

  mutating func add(_ movement: Movement, subject: Int64) {
    let stream = Stream(file: movement.sourceFile, table: movement.destinationTable.code, reason: movement.reason.code)
    let slot = interleaved ? open.lastIndex { $0.stream == stream } : nil
    let candidate = interleaved ? slot.map { open[$0].range } : (ranges.isEmpty ? nil : ranges.count - 1)
    if let index = candidate, extend(index, with: movement, subject: subject) { return }
    var digests: [UInt8] = []
    digests.reserveCapacity(256)
    Self.append(movement.sourceDigest, to: &digests)
    ranges.append(MovementRange(
      sourceFile: movement.sourceFile, sourceLine: movement.sourceLine, rows: 1, advance: nil,
      digests: digests, destinationTable: movement.destinationTable,
      destinationFile: movement.destinationFile, destinationLine: movement.destinationLine,
      reason: movement.reason, subject: subject))
    stored.append(storesDigests(movement.sourceFile))
    lastSource.append(movement.sourceLine)
    lastDestination.append(movement.destinationLine)
    guard interleaved else { return }
    if let slot { open.remove(at: slot) } else if open.count == Self.openStreams { open.removeFirst() }
    open.append((stream, ranges.count - 1))
  }

  private mutating func extend(_ index: Int, with movement: Movement, subject: Int64) -> Bool {
    let range = ranges[index]
    guard range.rows < MovementRange.maxRows, range.sourceFile == movement.sourceFile,
      range.destinationTable == movement.destinationTable, range.reason == movement.reason,
      range.subject == subject, range.destinationFile == movement.destinationFile
    else { return false }
    let step = movement.sourceLine - lastSource[index]
    guard step == 0 || step == 1 else { return false }
    switch (lastDestination[index], movement.destinationLine) {
    case (nil, nil): break
    case (let last?, let next?) where next == last + 1: break
    default: return false
    }
    let position = range.rows
    if step == 0 && ranges[index].advance == nil {
      // Every earlier movement advanced: materialise their bits.
      ranges[index].advance = [UInt8](repeating: 0xFF, count: MovementRange.maxRows / 8)
    }
    if ranges[index].advance != nil, step == 0 {
      ranges[index].advance![position >> 3] &= ~(1 << UInt8(position & 7))
    }
    Self.append(movement.sourceDigest, to: &ranges[index].digests!)
    ranges[index].rows += 1
    lastSource[index] = movement.sourceLine
    lastDestination[index] = movement.destinationLine
    return true
  }

  /// The ranges, with each advance bitmap cut to its `(rows + 7) / 8` bytes, and whether each
  /// keeps its digests in the log.
  func finished() -> [(range: MovementRange, storesDigests: Bool)] {
    zip(ranges, stored).map { range, stores in
      var range = range
      if let advance = range.advance { range.advance = Array(advance.prefix((range.rows + 7) / 8)) }
      return (range, stores)
    }
  }

  mutating func removeAll() {
    ranges.removeAll(keepingCapacity: true)
    stored.removeAll(keepingCapacity: true)
    lastSource.removeAll(keepingCapacity: true)
    lastDestination.removeAll(keepingCapacity: true)
    open.removeAll(keepingCapacity: true)
  }

  static func append(_ digest: Digest128, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: digest.high.bigEndian) { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: digest.low.bigEndian) { bytes.append(contentsOf: $0) }
  }
}
