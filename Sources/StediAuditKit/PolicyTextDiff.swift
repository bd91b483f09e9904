/// A line diff of two policy texts (YAML; no identities), for the compliance report's "Changes
/// since the previous run": the changed lines with up to `context` unchanged lines around each.
enum PolicyTextDiff {
  /// Texts longer than this many lines are shown as removed and added whole (the longest common
  /// subsequence is quadratic; policies are a few dozen lines).
  static let maximumLines = 2_000

  static func lines(from old: String, to new: String, context: Int = 2) -> [ComplianceReport.PolicyDiffLine] {
    let before = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let after = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard old != new else { return [] }
    let edits = script(before, after)
    // Keep the changed lines and their context; mark each gap with one `skipped` line.
    let changed = edits.indices.filter { edits[$0].kind != .context }
    var keep = Set<Int>()
    for index in changed { keep.formUnion(max(0, index - context)...min(edits.count - 1, index + context)) }
    var out: [ComplianceReport.PolicyDiffLine] = []
    var previous = -1
    for index in keep.sorted() {
      if index > previous + 1 { out.append(.init(kind: .skipped, line: index - previous - 1, text: "")) }
      out.append(edits[index])
      previous = index
    }
    if previous < edits.count - 1, !out.isEmpty {
      out.append(.init(kind: .skipped, line: edits.count - 1 - previous, text: ""))
    }
    return out
  }

  /// The edit script: every line of both texts as context, removed or added, in order. `line` is
  /// the line's number in its own text.
  private static func script(_ before: [String], _ after: [String]) -> [ComplianceReport.PolicyDiffLine] {
    guard before.count <= maximumLines, after.count <= maximumLines else {
      return before.enumerated().map { .init(kind: .removed, line: $0.offset + 1, text: $0.element) }
        + after.enumerated().map { .init(kind: .added, line: $0.offset + 1, text: $0.element) }
    }
    // common[i][j]: the longest common subsequence of before[i...] and after[j...].
    var common = Array(repeating: Array(repeating: 0, count: after.count + 1), count: before.count + 1)
    for i in stride(from: before.count - 1, through: 0, by: -1) {
      for j in stride(from: after.count - 1, through: 0, by: -1) {
        common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
      }
    }
    var out: [ComplianceReport.PolicyDiffLine] = []
    var (i, j) = (0, 0)
    while i < before.count || j < after.count {
      if i < before.count, j < after.count, before[i] == after[j] {
        out.append(.init(kind: .context, line: j + 1, text: after[j]))
        (i, j) = (i + 1, j + 1)
      } else if i < before.count, j == after.count || common[i + 1][j] >= common[i][j + 1] {
        // Removals before additions, as unified diffs show them.
        out.append(.init(kind: .removed, line: i + 1, text: before[i]))
        i += 1
      } else {
        out.append(.init(kind: .added, line: j + 1, text: after[j]))
        j += 1
      }
    }
    return out
  }
}
