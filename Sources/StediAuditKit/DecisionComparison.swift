import StediAuditLog
import StediCore

/// Compares the row decisions of two runs table by table (`docs/diff.md`).
///
/// A row is its content: trusted and `customer_curated` rows by their landing line's digest
/// (a multiset, so exact duplicate lines count once each), machine-learning rows by the digests
/// of their two parents. A row moves in if the second run admits more of its occurrences than
/// the first; it is labelled with the first run's reason for the others.
struct DecisionComparison {
  let before: RunDecisions
  let after: RunDecisions

  static let newRow = "new_row"
  static let removedRow = "removed_row"
  static let notPaired = "not_paired"

  /// Rows moved into and out of `table`, by label.
  func moves(_ table: TableID) -> (into: [String: Int64], outOf: [String: Int64]) {
    table == .machineLearningCurated ? pairMoves() : rowMoves(table)
  }

  private func rowMoves(_ table: TableID) -> (into: [String: Int64], outOf: [String: Int64]) {
    var into: [String: Int64] = [:]
    var outOf: [String: Int64] = [:]
    let first = before.rows[table] ?? [:]
    let second = after.rows[table] ?? [:]
    func compare(_ digest: Digest128) {
      let admittedBefore = first[digest]?.admitted ?? 0
      let admittedAfter = second[digest]?.admitted ?? 0
      if admittedAfter > admittedBefore {
        Self.label(admittedAfter - admittedBefore, reasons(digest, table, in: before), missing: Self.newRow, into: &into)
      } else if admittedBefore > admittedAfter {
        Self.label(admittedBefore - admittedAfter, reasons(digest, table, in: after), missing: Self.removedRow, into: &outOf)
      }
    }
    for digest in first.keys { compare(digest) }
    for digest in second.keys where first[digest] == nil { compare(digest) }
    return (into, outOf)
  }

  private func pairMoves() -> (into: [String: Int64], outOf: [String: Int64]) {
    var into: [String: Int64] = [:]
    var outOf: [String: Int64] = [:]
    func compare(_ pair: RunDecisions.PairKey) {
      let countBefore = before.pairs[pair] ?? 0
      let countAfter = after.pairs[pair] ?? 0
      if countAfter > countBefore {
        into[pairLabel(pair, in: before, missing: Self.newRow), default: 0] += Int64(countAfter - countBefore)
      } else if countBefore > countAfter {
        outOf[pairLabel(pair, in: after, missing: Self.removedRow), default: 0] += Int64(countBefore - countAfter)
      }
    }
    for pair in before.pairs.keys { compare(pair) }
    for pair in after.pairs.keys where before.pairs[pair] == nil { compare(pair) }
    return (into, outOf)
  }

  /// Why the occurrences of a row content are not in `table` in `run`, in recording order: the
  /// table's own reasons, then (for `customer_curated`) those of `customer_trusted`.
  private func reasons(_ digest: Digest128, _ table: TableID, in run: RunDecisions) -> [ReasonCode] {
    var out = run.occurrences(digest, in: table)?.notAdmitted ?? []
    if table == .customerCurated { out += run.occurrences(digest, in: .customerTrusted)?.notAdmitted ?? [] }
    return out
  }

  /// Why `run` has no such machine-learning row: a parent's trusted-table reason (a consent
  /// reason first), `missing` if a parent is not in its landing data, else `not_paired`.
  private func pairLabel(_ pair: RunDecisions.PairKey, in run: RunDecisions, missing: String) -> String {
    func parent(_ digest: Digest128, _ table: TableID) -> String? {
      guard let found = run.occurrences(digest, in: table) else { return missing }
      return found.admitted > 0 ? nil : found.notAdmitted.first?.rawValue
    }
    let labels = [parent(pair.accelerometer, .accelerometerTrusted), parent(pair.step, .stepTrainerTrusted)]
      .compactMap { $0 }
    return labels.first(where: DiffReport.consentReasons.contains) ?? labels.first ?? Self.notPaired
  }

  /// Adds `count` rows to `tally`, one per reason of `reasons` in order, the rest as `missing`.
  private static func label(_ count: Int, _ reasons: [ReasonCode], missing: String, into tally: inout [String: Int64]) {
    for reason in reasons.prefix(count) { tally[reason.rawValue, default: 0] += 1 }
    if count > reasons.count { tally[missing, default: 0] += Int64(count - reasons.count) }
  }

  /// The per-reason counts of `table` in both runs, `admitted` first, then in reason order.
  func reasonDeltas(_ table: TableID) -> [DiffReport.ReasonDelta] {
    let first = before.counts[table] ?? TableCounts(table: table)
    let second = after.counts[table] ?? TableCounts(table: table)
    var out = [DiffReport.ReasonDelta(reason: "admitted", baseline: first.admitted, candidate: second.admitted)]
    for reason in ReasonCode.allCases where reason != .admitted {
      let counts = (first.byReason[reason] ?? 0, second.byReason[reason] ?? 0)
      if counts != (0, 0) {
        out.append(DiffReport.ReasonDelta(reason: reason.rawValue, baseline: counts.0, candidate: counts.1))
      }
    }
    return out
  }

  /// The table's diff.
  func tableDiff(_ table: TableID) -> DiffReport.TableDiff {
    let (into, outOf) = moves(table)
    return DiffReport.TableDiff(
      table: table.rawValue, baselineRows: before.counts[table]?.rowsOut ?? 0,
      candidateRows: after.counts[table]?.rowsOut ?? 0, movedIn: Self.sorted(into), movedOut: Self.sorted(outOf),
      reasons: reasonDeltas(table))
  }

  /// The rows `after` admits that `before` excludes for consent, per table and reason.
  func consentAdmissions() -> [DiffReport.TableReasonRows] {
    TableID.outputs.flatMap { table in
      Self.sorted(moves(table).into)
        .filter { DiffReport.consentReasons.contains($0.reason) }
        .map { DiffReport.TableReasonRows(table: table.rawValue, reason: $0.reason, rows: $0.rows) }
    }
  }

  func customerPresence() -> DiffReport.CustomerPresence {
    let first = before.machineLearningSubjects
    let second = after.machineLearningSubjects
    return DiffReport.CustomerPresence(
      baselineCustomers: first.count, candidateCustomers: second.count,
      gained: second.subtracting(first).map(\.description).sorted(),
      lost: first.subtracting(second).map(\.description).sorted())
  }

  /// Most rows first, then by name.
  private static func sorted(_ tally: [String: Int64]) -> [DiffReport.ReasonRows] {
    tally.map { DiffReport.ReasonRows(reason: $0.key, rows: $0.value) }
      .sorted { ($0.rows, $1.reason) > ($1.rows, $0.reason) }
  }
}
