import Foundation
import StediAuditTestSupport
import StediCore
import Testing

/// The scanner and the three decoders on the hostile corpus (`HostileCorpus`, over 2,000
/// lines) and on a randomized mutation target: thousands of seeded byte mutations of generated
/// valid lines, spliced lines and mutated hostile lines. Reads past a line's end trap (the
/// bounds-checked buffer subscripts of debug builds); the scanner also runs on a copy in an
/// allocation of exactly the line's size.
///
/// Invariants, whatever each field's type rules are: no crash; a decoder reports `malformed`
/// exactly when the scanner rejects the line as JSON; a malformed offset lies within the line;
/// scanning and decoding are deterministic; no row error holds a planted identity (errors name
/// the field, never a value). The per-line time bound is a hang guard, not a performance target.
@Suite(.timeLimit(.minutes(5)))
struct HostileScannerTests {
  /// The hang guard of one line (the slowest seen in a debug build is far below it).
  static let hangGuard = Duration.seconds(20)
  static let corpus = HostileCorpus(seed: 0x5CA7_7E12)
  static let mutationsPerTable = 3_000

  @Test(arguments: HostileCorpus.Table.allCases)
  func hostileLinesKeepTheInvariants(_ table: HostileCorpus.Table) {
    let lines = Self.corpus.lines[table] ?? []
    #expect(lines.count > 500)
    var malformed = 0
    for line in lines where Self.check(line) { malformed += 1 }
    #expect(malformed > lines.count / 3)
    #expect(malformed < lines.count)
  }

  @Test(arguments: LineGenerator.Table.allCases)
  func seededMutationsKeepTheInvariants(_ table: LineGenerator.Table) {
    var generator = LineGenerator(seed: 0xF022_0000 + UInt64(table.rawValue.utf8.count))
    var random = SplitMix64(seed: 0xF022_1111 + UInt64(table.rawValue.utf8.count))
    let hostile = Self.corpus.lines.values.joined().filter { $0.count < 4_096 }
    var malformed = 0
    for _ in 0..<Self.mutationsPerTable {
      var line = generator.line(for: table)
      switch Int.random(in: 0..<4, using: &random) {
      case 0:  // Several rounds.
        for _ in 0..<Int.random(in: 2...5, using: &random) { line = generator.mutate(line) }
      case 1:  // A splice of two lines.
        let other = generator.line(for: table)
        let cut = Int.random(in: 0...line.count, using: &random)
        line = Array(line[..<cut]) + other[Int.random(in: 0...other.count, using: &random)...]
      case 2:  // A mutation of a hostile line.
        line = generator.mutate(random.pick(hostile))
      default:
        line = generator.mutate(line)
      }
      if Self.check(line) { malformed += 1 }
    }
    #expect(malformed > Self.mutationsPerTable / 3)
  }

  @Test func nestingIsLimitedAt512LevelsWithoutRecursingDeeper() {
    func nested(_ depth: Int) -> [UInt8] {
      Array(#"{"email":"a@b","serialNumber":"s","x":"#.utf8)
        + Array(repeating: UInt8(ascii: "["), count: depth)
        + Array(repeating: UInt8(ascii: "]"), count: depth) + [UInt8(ascii: "}")]
    }
    #expect(TestLines.validate(nested(511)) == nil)  // 512 levels with the object.
    for depth in [512, 10_000, 100_000] {
      #expect(TestLines.validate(nested(depth)).flatMap(Self.problem) == .tooDeep, "\(depth)")
      #expect(TestLines.reason(TestLines.customer(nested(depth))) == .malformed)
    }
  }

  /// Checks every invariant on `line`; returns whether the scanner rejects it as JSON.
  @discardableResult
  static func check(_ line: [UInt8]) -> Bool {
    let start = ContinuousClock.now
    let shown =
      "\(line.prefix(120).map { String(format: "%02x", $0) }.joined())… (\(line.count) bytes)"
    let scan = exactly(line, validate)
    let customer = TestLines.customer(line)
    let accelerometer = TestLines.accelerometer(line)
    let stepTrainer = TestLines.stepTrainer(line)
    let rejected = scan.flatMap(problem) != nil
    if case .malformed(let offset, _) = scan {
      #expect((0...line.count).contains(offset), "\(shown)")
    }
    let errors = [
      TestLines.error(customer), TestLines.error(accelerometer), TestLines.error(stepTrainer),
    ]
    for case let error? in errors {
      #expect((error.reason == .malformed) == rejected, "\(error) \(shown)")
      #expect(PlantedIdentities.leaks(in: Array(error.description.utf8)).isEmpty, "\(error)")
    }
    // Deterministic, and independent of where the bytes are.
    #expect(TestLines.validate(line) == scan)
    #expect(TestLines.customer(line) == customer)
    #expect(TestLines.accelerometer(line) == accelerometer)
    #expect(TestLines.stepTrainer(line) == stepTrainer)
    #expect(ContinuousClock.now - start < hangGuard, "hang guard: \(shown)")
    return rejected
  }

  /// Runs `body` on a copy of `line` in an allocation of exactly its size (an array's storage
  /// may be larger than its count).
  static func exactly<T>(_ line: [UInt8], _ body: (UnsafeRawBufferPointer) -> T) -> T {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: line.count, alignment: 1)
    defer { buffer.deallocate() }
    buffer.copyBytes(from: line)
    return body(UnsafeRawBufferPointer(buffer))
  }

  static func validate(_ bytes: UnsafeRawBufferPointer) -> JSONScanError? {
    do throws(JSONScanError) {
      try FlatJSONScanner.validateObject(bytes)
      return nil
    } catch {
      return error
    }
  }

  /// The syntax problem of a scan error, or nil for a valid non-object.
  static func problem(_ error: JSONScanError) -> JSONSyntaxProblem? {
    if case .malformed(_, let problem) = error { return problem }
    return nil
  }
}
