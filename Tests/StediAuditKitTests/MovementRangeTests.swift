import StediCore
@testable import StediAuditLog
import Testing

/// Ranges hold exactly the movements they were built from: expanded in order, they give back
/// every movement, each stream's in the order it was recorded (and, without interleaving, the
/// exact recording order).
struct MovementRangeTests {
  /// Movements as a run records them: landing rows to trusted (runs of one subject, the rows
  /// of every third subject excluded), then machine-learning rows whose two parents alternate, a step parent repeating
  /// for several rows.
  static func movements(seed: UInt64) -> [(Movement, Int64)] {
    var state = seed
    func next(_ bound: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % bound
    }
    func digest() -> Digest128 { Digest128(high: next(1 << 62), low: next(1 << 62)) }
    var out: [(Movement, Int64)] = []
    var trustedLine: Int64 = 0
    for line in 1...400 {
      let subject = Int64(line / 9)
      if subject % 3 == 0 {
        out.append((Movement(sourceFile: 10, sourceLine: Int64(line), sourceDigest: digest(), destinationTable: .stepTrainerTrusted, reason: .noConsent, subject: nil), subject))
      } else {
        trustedLine += 1
        out.append((Movement(sourceFile: 10, sourceLine: Int64(line), sourceDigest: digest(), destinationTable: .stepTrainerTrusted, destinationFile: 3, destinationLine: trustedLine, reason: .admitted, subject: nil), subject))
      }
    }
    var step: Int64 = 1
    var accelerometer: Int64 = 1
    for line in 1...300 {
      if next(3) == 0 { step += 1 }
      if next(20) == 0 { accelerometer += 2 } else { accelerometer += 1 }
      let subject = Int64(step / 7)
      out.append((Movement(sourceFile: 3, sourceLine: step, sourceDigest: digest(), destinationTable: .machineLearningCurated, destinationFile: 5, destinationLine: Int64(line), reason: .admitted, subject: nil), subject))
      out.append((Movement(sourceFile: 2, sourceLine: accelerometer, sourceDigest: digest(), destinationTable: .machineLearningCurated, destinationFile: 5, destinationLine: Int64(line), reason: .admitted, subject: nil), subject))
    }
    return out
  }

  static func expand(_ ranges: [(range: MovementRange, storesDigests: Bool)]) -> [(Movement, Int64)] {
    var out: [(Movement, Int64)] = []
    for (range, _) in ranges {
      range.forEachMovement(digest: { _, _ in Digest128(high: 0, low: 0) }) { movement in
        var movement = movement
        movement.subject = nil
        out.append((movement, range.subject))
      }
    }
    return out
  }

  static func streams(_ movements: [(Movement, Int64)]) -> [String: [String]] {
    Dictionary(grouping: movements) { "\($0.0.sourceFile)/\($0.0.destinationTable)/\($0.0.reason)" }
      .mapValues { $0.map { "\($0.0) \($0.1)" } }
  }

  @Test(arguments: [1, 2, 3])
  func interleavedRangesExpandToEveryStreamInOrder(seed: UInt64) {
    let recorded = Self.movements(seed: seed)
    var builder = MovementRangeBuilder(interleaved: true) { $0 == 10 }
    for (movement, subject) in recorded { builder.add(movement, subject: subject) }
    let ranges = builder.finished()
    let expanded = Self.expand(ranges)
    #expect(expanded.count == recorded.count)
    #expect(Self.streams(expanded) == Self.streams(recorded))
    // Coalesced: far fewer records than movements; the landing file's ranges keep digests.
    #expect(ranges.count * 4 < recorded.count)
    #expect(ranges.allSatisfy { $0.storesDigests == ($0.range.sourceFile == 10) })
    #expect(ranges.contains { $0.range.advance != nil })
  }

  @Test func withoutInterleavingTheRecordingOrderIsKept() {
    let recorded = Self.movements(seed: 4)
    var builder = MovementRangeBuilder(interleaved: false) { _ in true }
    for (movement, subject) in recorded { builder.add(movement, subject: subject) }
    let expanded = Self.expand(builder.finished())
    #expect(expanded.map { "\($0.0) \($0.1)" } == recorded.map { "\($0.0) \($0.1)" })
  }
}
