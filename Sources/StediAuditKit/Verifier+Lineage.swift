import StediAuditLog
import StediCore
import StediManifest

/// The `curatedLineage` check of `verify`: every curated row of the published run traces,
/// through the audit log, to admitted trusted parents of a customer admitted to
/// `customer_trusted` (a consented customer).
///
/// It is fed the run's movements one by one (`visit`), in the same pass that recomputes the run's
/// Merkle root, so that `verify` reads every movement once.
struct CuratedLineageCheck {
  static let name = "curated rows trace to admitted parents of consented customers"

  /// The run it traces.
  let runID: String
  private let unattributedStepsAllowed: Bool
  private var tableOf: [Int64: TableID] = [:]
  /// Parents recorded per curated line, by curated file.
  private var edges: [Int64: [UInt8]] = [:]
  /// The admitted lines of each trusted file, one flag per line (the manifest gives its rows):
  /// a set of every trusted line cost a hash per movement and about 30 bytes a line.
  private var admittedTrusted: [Int64: [Bool]] = [:]
  private var consented: Set<Digest128> = []
  private var problems: [String] = []
  /// Ranges are in the order of their first movement, so a curated row's parent range may come
  /// after it: a check that fails at first is made again once every movement was seen.
  private var later: [(movement: Movement, pseudonym: Digest128?)] = []

  init(run: Verifier.VerifiedRun) {
    let predicate = run.statement.predicate
    runID = run.row.runID
    unattributedStepsAllowed = predicate.policy.stepTrainerRequiresCuratedCustomer
    for file in predicate.outputs where file.zone != "quarantine" {
      guard let table = TableID(rawValue: file.table) else { continue }
      tableOf[file.auditFileId] = table
      switch table.zone {
      case .curated: edges[file.auditFileId] = Array(repeating: 0, count: Int(file.rows) + 1)
      case .trusted: admittedTrusted[file.auditFileId] = Array(repeating: false, count: Int(file.rows) + 1)
      default: break
      }
    }
  }

  /// The check when there is no verified published run to trace.
  static func unavailable() -> VerificationReport.Check {
    .init(id: .curatedLineage, name: name, passed: false, details: ["no verified published run"])
  }

  /// Takes one movement of the run (any reason; only admitted movements are traced).
  mutating func visit(_ movement: Movement, _ pseudonym: Digest128?) {
    guard movement.reason == .admitted else { return }
    check(movement, pseudonym, final: false)
  }

  /// The check, once every movement of the run was visited.
  mutating func result() -> VerificationReport.Check {
    let deferred = later
    later = []
    for (movement, pseudonym) in deferred { check(movement, pseudonym, final: true) }
    var traced: Int64 = 0
    for (file, counts) in edges.sorted(by: { $0.key < $1.key }) {
      guard let table = tableOf[file] else { continue }
      let expected: UInt8 = table == .machineLearningCurated ? 2 : 1
      for line in 1..<counts.count {
        if counts[line] == expected {
          traced += 1
        } else {
          problem("\(table) line \(line): \(counts[line]) parents recorded, expected \(expected) (lineage missing or duplicated)")
        }
      }
    }
    return .init(id: .curatedLineage, name: Self.name, passed: problems.isEmpty,
      details: problems.isEmpty ? ["\(traced) curated rows of run \(runID), each with its admitted, consented parents"] : problems)
  }

  private mutating func problem(_ text: String) { if problems.count < 50 { problems.append(text) } }

  private mutating func admit(_ file: Int64, _ line: Int64) {
    if line >= 1, line < Int64(admittedTrusted[file]?.count ?? 0) { admittedTrusted[file]?[Int(line)] = true }
  }

  private mutating func check(_ movement: Movement, _ pseudonym: Digest128?, final: Bool) {
    let table = movement.destinationTable
    guard let file = movement.destinationFile, let line = movement.destinationLine, tableOf[file] == table else {
      problem("\(table): an admitted movement points to no output file of the run")
      return
    }
    switch table {
    case .customerTrusted:
      admit(file, line)
      if let pseudonym { consented.insert(pseudonym) } else { problem("customer_trusted line \(line): no pseudonym") }
    case .accelerometerTrusted, .stepTrainerTrusted:
      admit(file, line)
      if let pseudonym {
        if !consented.contains(pseudonym) {
          guard final else { return later.append((movement, pseudonym)) }
          problem("\(table) line \(line): the customer was not admitted to customer_trusted (no consent)")
        }
      } else if !(table == .stepTrainerTrusted && unattributedStepsAllowed) {
        problem("\(table) line \(line): admitted without an attributable customer")
      }
    case .customerCurated, .machineLearningCurated:
      let parents = admittedTrusted[movement.sourceFile]
      let parentLine = movement.sourceLine
      let parentAdmitted = parentLine >= 1 && parentLine < Int64(parents?.count ?? 0) && parents?[Int(parentLine)] == true
      let parentConsented = pseudonym.map { consented.contains($0) } ?? true
      if !final && (!parentAdmitted || !parentConsented) { return later.append((movement, pseudonym)) }
      if !parentAdmitted {
        problem("\(table) line \(line): parent \(movement.sourceFile):\(movement.sourceLine) is not an admitted trusted row")
      }
      if !parentConsented {
        problem("\(table) line \(line): parent of a customer without consent")
      }
      if line >= 1, line < Int64(edges[file]?.count ?? 0) { edges[file]?[Int(line)] &+= 1 }
    default:
      problem("\(table): unexpected admitted movement")
    }
  }
}
