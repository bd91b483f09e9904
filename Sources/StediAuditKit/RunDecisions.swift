import StediAuditLog
import StediCore

/// Every row decision of one run, keyed by the row's content (its landing line's digest), so two
/// runs over the same or changed landing data can be compared row by row (`diff`).
///
/// Rows with equal content (exact duplicate lines) are a multiset: each occurrence keeps its own
/// reason. A machine-learning row is keyed by the digests of its two parents.
struct RunDecisions {
  /// Per trusted table and `customer_curated`: the reasons of each row content's occurrences.
  var rows: [TableID: [Digest128: Occurrences]] = [:]
  /// The machine-learning rows, by their parents' digests, with their number.
  var pairs: [PairKey: Int] = [:]
  /// The pseudonyms of the customers with at least one machine-learning row.
  var machineLearningSubjects: Set<Digest128> = []
  /// The landing files read: `table/path` -> SHA-256.
  var landingFiles: [String: String] = [:]
  /// The counts of each output table.
  var counts: [TableID: TableCounts] = [:]

  /// The reasons of the occurrences of one row content in one table (almost always one).
  struct Occurrences {
    private var first: ReasonCode?
    private var more: [ReasonCode] = []

    mutating func add(_ reason: ReasonCode) {
      if first == nil { first = reason } else { more.append(reason) }
    }

    var all: [ReasonCode] { (first.map { [$0] } ?? []) + more }
    var admitted: Int { all.count { $0 == .admitted } }
    /// The reasons of the occurrences that were not admitted, in recording order.
    var notAdmitted: [ReasonCode] { all.filter { $0 != .admitted } }
  }

  /// A machine-learning row's parents.
  struct PairKey: Hashable {
    var step: Digest128
    var accelerometer: Digest128
  }

  /// Reads the decisions of `run` from `audit`.
  init(audit: AuditLog, run: Int64) throws {
    var fileTables: [Int64: TableID] = [:]
    for file in try audit.files(run: run) {
      fileTables[file.id] = file.table
      if file.zone == .landing { landingFiles["\(file.table.rawValue)/\(file.path)"] = file.sha256 ?? "" }
    }
    for counts in try audit.tableCounts(run: run) { self.counts[counts.table] = counts }
    var pending: [Int64: (table: TableID?, digest: Digest128)] = [:]
    try audit.forEachMovement(run: run) { movement, pseudonym in
      let table = movement.destinationTable
      guard table == .machineLearningCurated else {
        rows[table, default: [:]][movement.sourceDigest, default: Occurrences()].add(movement.reason)
        return
      }
      guard movement.reason == .admitted, let line = movement.destinationLine else { return }
      if let pseudonym { machineLearningSubjects.insert(pseudonym) }
      let parent = fileTables[movement.sourceFile]
      guard let other = pending.removeValue(forKey: line) else {
        pending[line] = (parent, movement.sourceDigest)
        return
      }
      // Each row's two parents: one step-trainer, one accelerometer reading.
      let key =
        parent == .stepTrainerTrusted || other.table == .accelerometerTrusted
        ? PairKey(step: movement.sourceDigest, accelerometer: other.digest)
        : PairKey(step: other.digest, accelerometer: movement.sourceDigest)
      pairs[key, default: 0] += 1
    }
  }

  /// The occurrences of a row content in `table`, if the run saw it.
  func occurrences(_ digest: Digest128, in table: TableID) -> Occurrences? { rows[table]?[digest] }
}

