import Testing

@testable import StediAuditKit

/// The policy diff of the compliance report's "Changes since the previous run".
struct PolicyTextDiffTests {
  static func render(_ lines: [ComplianceReport.PolicyDiffLine]) -> [String] {
    lines.map { "\($0.kind.rawValue) \($0.line) \($0.text)" }
  }

  @Test func oneChangedLineWithItsContext() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh"
    let new = "a\nb\nc\nX\ne\nf\ng\nh"
    #expect(Self.render(PolicyTextDiff.lines(from: old, to: new, context: 1)) == [
      "skipped 2 ", "context 3 c", "removed 4 d", "added 4 X", "context 5 e", "skipped 3 ",
    ])
  }

  @Test func insertionsAndDeletionsAtTheEnds() {
    #expect(Self.render(PolicyTextDiff.lines(from: "a\nb", to: "z\na", context: 2)) == [
      "added 1 z", "context 2 a", "removed 2 b",
    ])
    #expect(PolicyTextDiff.lines(from: "same\n", to: "same\n").isEmpty)
  }

  @Test func textsTooLongToCompareAreShownWhole() {
    let long = (0...PolicyTextDiff.maximumLines).map { "line \($0)" }.joined(separator: "\n")
    let lines = PolicyTextDiff.lines(from: long, to: "short", context: 0)
    #expect(lines.count == PolicyTextDiff.maximumLines + 2)
    #expect(lines.last?.kind == .added && lines.first?.kind == .removed)
  }
}
