import StediAuditLog
import StediCore
import StediManifest

extension Verifier {
  /// Every curated row of the published run traces, through the audit log, to admitted trusted
  /// parents of a customer admitted to `customer_trusted` (a consented customer).
  func lineage(_ run: VerifiedRun?) throws -> VerificationReport.Check {
    let name = "curated rows trace to admitted parents of consented customers"
    guard let run else { return .init(id: .curatedLineage, name: name, passed: false, details: ["no verified published run"]) }
    let predicate = run.statement.predicate
    var tableOf: [Int64: TableID] = [:]
    var rowsOf: [Int64: Int64] = [:]
    for file in predicate.outputs where file.zone != "quarantine" {
      if let table = TableID(rawValue: file.table) {
        tableOf[file.auditFileId] = table
        rowsOf[file.auditFileId] = file.rows
      }
    }
    var edges: [Int64: [UInt8]] = [:]
    for (id, table) in tableOf where table.zone == .curated {
      edges[id] = Array(repeating: 0, count: Int(rowsOf[id] ?? 0) + 1)
    }
    // The admitted lines of each trusted file, one flag per line (the manifest gives its rows):
    // a set of every trusted line cost a hash per movement and about 30 bytes a line.
    var admittedTrusted: [Int64: [Bool]] = [:]
    for (id, table) in tableOf where table.zone == .trusted {
      admittedTrusted[id] = Array(repeating: false, count: Int(rowsOf[id] ?? 0) + 1)
    }
    func admit(_ file: Int64, _ line: Int64) {
      if line >= 1, line < Int64(admittedTrusted[file]?.count ?? 0) { admittedTrusted[file]?[Int(line)] = true }
    }
    var consented: Set<Digest128> = []
    var problems: [String] = []
    func problem(_ text: String) { if problems.count < 50 { problems.append(text) } }
    let unattributedStepsAllowed = predicate.policy.stepTrainerRequiresCuratedCustomer
    // Ranges are in the order of their first movement, so a curated row's parent range may come
    // after it: a check that fails at first is made again once every movement was seen.
    var later: [(movement: Movement, pseudonym: Digest128?)] = []
    func check(_ movement: Movement, _ pseudonym: Digest128?, final: Bool) {
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
    try audit.forEachMovement(run: run.row.id) { movement, pseudonym in
      guard movement.reason == .admitted else { return }
      check(movement, pseudonym, final: false)
    }
    for (movement, pseudonym) in later { check(movement, pseudonym, final: true) }
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
    return .init(id: .curatedLineage, name: name, passed: problems.isEmpty,
      details: problems.isEmpty ? ["\(traced) curated rows of run \(run.row.runID), each with its admitted, consented parents"] : problems)
  }
}
