import Foundation
import StediAuditLog
import StediCore
import StediCuration
import StediKeys
import StediPolicy
import StediZones

/// Makes a run of what a Spark job decided (`stedi-audit spark`, docs/spark.md): copies the
/// job's tables into the run directory, records its lineage in the audit log, and re-checks it
/// all before the pipeline commits and signs: every landing row has exactly one movement into
/// its trusted table or quarantine, every trusted row one into the curated side, each table's
/// admitted rows are its file's lines, and every published row passes the consent audit
/// against the policy and the landing data.
struct SparkImport: Sendable {
  /// The job's `--out` folder: `tables/<zone>/<table>/part-*` (JSON lines, one file each),
  /// `lineage/*.parquet`.
  let output: URL
  /// Runs the job, given the file of withdrawn customers' pseudonyms.
  let runJob: @Sendable (_ withdrawn: URL) throws -> Void

  /// One row of the job's lineage.
  struct LineageRow: Decodable {
    var srcTable: String
    var srcFile: String
    var srcLine: Int64
    var digest: String
    var dstTable: String
    var dstLine: Int64?
    var reason: String
    var customerId: String?
  }

  func curate(
    directory: URL, audit: AuditLog, run: Int64, policy: Policy, pseudonymizer: Pseudonymizer,
    landing: LandingSet, withdrawn: Set<String>
  ) throws -> GuardedLayer.Result {
    let withdrawnFile = output.appendingPathComponent("withdrawn.txt")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    try Data(withdrawn.sorted().map { $0 + "\n" }.joined().utf8).write(to: withdrawnFile)
    try runJob(withdrawnFile)

    let lineage = try audit.lineageWriter(run: run)
    // Landing files: registered with their digest, size and rows (non-blank lines).
    var landingIDs: [String: Int64] = [:]
    var landingRows: [Int64: Int64] = [:]
    for table in TableID.landings {
      for file in landing.files(of: table) {
        guard file.encoding != .parquet else {
          throw ToolkitError.usage("\(file.relativePath): the Spark path reads JSON-lines landing files only")
        }
        let id = try lineage.registerFile(zone: .landing, table: table, path: file.relativePath)
        let (sha, bytes, rows) = try Self.digest(file.url)
        try lineage.completeFile(id: id, sha256: sha, bytes: bytes, rows: rows)
        landingIDs["\(table.rawValue)/\(file.relativePath)"] = id
        landingRows[id] = rows
      }
    }
    // The job's tables, copied as they are.
    var outputIDs: [TableID: Int64] = [:]
    var quarantineIDs: [TableID: Int64] = [:]
    var files: [GuardedLayer.OutputFile] = []
    for (table, zone) in TableID.outputs.map({ ($0, $0.zone) }) + TableID.landings.map({ ($0, ZoneID.quarantine) }) {
      let path = "\(zone.rawValue)/\(table.rawValue)/part-00000.jsonl"
      let id = try lineage.registerFile(zone: zone, table: table, path: path)
      let copied = try ImportedTableFile.copy(
        from: try Self.partFile(output.appendingPathComponent("tables/\(zone.rawValue)/\(table.rawValue)")),
        to: directory.appendingPathComponent(path), confidential: zone == .quarantine)
      try lineage.completeFile(id: id, sha256: copied.sha256, bytes: copied.bytes, rows: copied.rows)
      if zone == .quarantine { quarantineIDs[table] = id } else { outputIDs[table] = id }
      files.append(.init(path: path, zone: zone, table: table, sha256: copied.sha256, bytes: copied.bytes, rows: copied.rows))
    }

    // The lineage: every movement recorded, counted, and checked for conservation.
    var counts = Dictionary(uniqueKeysWithValues: TableID.outputs.map { ($0, TableCounts(table: $0)) })
    var movedFrom: [Int64: Int64] = [:]  // landing file id -> movements out of it
    var lastPaired: (TableID, Int64)?
    var subjects: [String: SubjectToken] = [:]
    let decoder = JSONDecoder()
    for part in try Self.lineageFiles(output.appendingPathComponent("lineage")) {
      try ParquetRows.forEachRow(path: part.path) { number, bytes in
        let row = try decoder.decode(LineageRow.self, from: Data(bytes))
        func bad(_ why: String) -> ToolkitError {
          .invalid("\(part.lastPathComponent): lineage row \(number): \(why)")
        }
        guard let source = TableID(rawValue: row.srcTable), let destination = TableID(rawValue: row.dstTable),
          let reason = ReasonCode(rawValue: row.reason),
          let digestBytes = Hex.decode(row.digest), let digest = Digest128(bytes: digestBytes)
        else { throw bad("unknown table, reason or digest") }
        let sourceFile: Int64
        if source.zone == .landing {
          guard let id = landingIDs["\(source.rawValue)/\(row.srcFile)"] else { throw bad("names a file not in the landing set") }
          sourceFile = id
          movedFrom[id, default: 0] += 1
          guard destination == source.trusted else { throw bad("a landing row must go to its trusted table") }
        } else {
          guard let id = outputIDs[source] else { throw bad("unknown source table") }
          sourceFile = id
        }
        let destinationFile: Int64? = switch reason.decision {
        case .admitted: outputIDs[destination]
        case .quarantined: quarantineIDs[source]
        case .excluded: nil
        }
        guard (destinationFile == nil) == (row.dstLine == nil) else { throw bad("destination line does not fit its decision") }
        var subject: SubjectToken?
        if let pseudonym = row.customerId {
          if let known = subjects[pseudonym] {
            subject = known
          } else {
            guard let bytes = Hex.decode(pseudonym), let value = Digest128(bytes: bytes) else { throw bad("pseudonym is not 32 hex digits") }
            subject = lineage.subject(keyID: pseudonymizer.keyID, pseudonym: pseudonym, bytes: value)
            subjects[pseudonym] = subject
          }
        }
        try lineage.record(
          Movement(
            sourceFile: sourceFile, sourceLine: row.srcLine, sourceDigest: digest, destinationTable: destination,
            destinationFile: destinationFile, destinationLine: row.dstLine, reason: reason, subject: nil),
          subject: subject)
        // A machine-learning row has a movement per parent; a trusted reading counts once.
        if destination == .machineLearningCurated, reason == .admitted {
          if let last = lastPaired, last == (source, row.srcLine) { return }
          lastPaired = (source, row.srcLine)
        }
        counts[destination]?.count(reason)
      }
    }
    let (movements, merkleRoot) = try lineage.finish()

    // Conservation, as the local layer checks it.
    for (id, rows) in landingRows where movedFrom[id, default: 0] != rows {
      throw ToolkitError.invalid("spark lineage: landing file #\(id) has \(rows) rows but \(movedFrom[id, default: 0]) movements")
    }
    for file in files where file.zone != .quarantine {
      counts[file.table]?.rowsOut = file.rows
      let admitted = counts[file.table]?.admitted ?? -1
      if file.table != .machineLearningCurated, admitted != file.rows {
        throw ToolkitError.invalid("spark output: \(file.path) has \(file.rows) rows but the lineage admits \(admitted)")
      }
    }
    let rowsOf = { (table: TableID) in files.first { $0.table == table && $0.zone != .quarantine }?.rows ?? 0 }
    if counts[.customerCurated]?.rowsIn != rowsOf(.customerTrusted)
      || counts[.machineLearningCurated]?.rowsIn != rowsOf(.accelerometerTrusted) + rowsOf(.stepTrainerTrusted)
    {
      throw ToolkitError.invalid("spark lineage: not every trusted row has its movement into the curated tables")
    }
    let ordered = TableID.outputs.compactMap { counts[$0] }
    for table in ordered where !table.isConserved { throw ZoneError.notConserved(table: table.table.rawValue) }
    // The hazards the plan declares, each with the count the job reports.
    struct Reported: Decodable { var hazards: [String: Int64]? }
    let reported = try? JSONDecoder().decode(
      Reported.self, from: Data(contentsOf: output.appendingPathComponent("counts.json")))
    var hazards: [Hazard] = []
    for hazard in DecisionPlan(compiling: policy).hazards {
      guard let count = reported?.hazards?[hazard.kind.rawValue] else {
        throw ToolkitError.invalid("spark output: counts.json reports no count of the hazard \(hazard.kind.rawValue)")
      }
      hazards.append(Hazard(kind: hazard.kind.rawValue, table: hazard.table, count: count, description: hazard.description))
    }

    // The policy, re-checked on every published row against the landing data.
    let auditor = try ConsentAuditor(policy: policy, landing: landing, pseudonymizer: pseudonymizer, withdrawn: withdrawn)
    var violations: [CheckViolation] = []
    var accelerometerDays = DayHistogram()
    var stepTrainerDays = DayHistogram()
    for file in files where file.zone != .quarantine {
      let url = directory.appendingPathComponent(file.path)
      _ = try auditor.audit(table: file.table.rawValue, file: url, displayPath: file.path, into: &violations)
      guard file.table == .accelerometerTrusted || file.table == .stepTrainerTrusted else { continue }
      try LineReader(fileURL: url).forEachLine { _, line in
        guard let fields = OutputRowFields(line: line), let time = fields.timestamp ?? fields.sensorReadingTime else { return }
        if file.table == .accelerometerTrusted {
          accelerometerDays.add(epochMilliseconds: time)
        } else {
          stepTrainerDays.add(epochMilliseconds: time)
        }
      }
    }
    if let first = violations.first {
      throw ToolkitError.invalid(
        "spark output: \(violations.count) rows violate policy \(policy.name) (first: \(first.table) \(first.file):\(first.line) \(first.reason)); nothing published")
    }
    return GuardedLayer.Result(
      counts: ordered, hazards: hazards, movements: movements, merkleRoot: merkleRoot,
      accelerometerDays: accelerometerDays, stepTrainerDays: stepTrainerDays, files: files)
  }

  /// A landing file's SHA-256, size and rows (lines that are not blank).
  static func digest(_ url: URL) throws -> (String, Int64, Int64) {
    var hasher = StreamingSHA256()
    var rows: Int64 = 0
    let bytes = try LineReader(fileURL: url).forEachLine(chunk: { hasher.update($0) }) { _, line in
      if !LineReader.isBlank(line) { rows += 1 }
    }
    return (hasher.finalizeHex(), Int64(bytes), rows)
  }

  /// The one data file Spark wrote into `folder` (nil if it wrote none: an empty table).
  static func partFile(_ folder: URL) throws -> URL? {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasPrefix("part-") && !$0.hasSuffix(".crc") }.sorted()
    guard names.count <= 1 else {
      throw ToolkitError.invalid("\(folder.lastPathComponent): the Spark job wrote \(names.count) files, expected one")
    }
    return names.first.map { folder.appendingPathComponent($0) }
  }

  static func lineageFiles(_ folder: URL) throws -> [URL] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasPrefix("part-") && $0.hasSuffix(".parquet") }.sorted()
    guard !names.isEmpty else { throw ToolkitError.noInput("\(folder.path): the Spark job wrote no lineage") }
    return names.map { folder.appendingPathComponent($0) }
  }
}
