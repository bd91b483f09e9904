import Foundation
import StediAuditLog
import StediCore
import StediKeys
import StediLineage
import StediPolicy
import StediZones

/// Builds the OpenLineage run events of one `run` or `withdraw` (`docs/openlineage.md`): a
/// parent job `stedi-audit.<command>` and one job per output table (`stedi-audit.customer_trusted`,
/// …, `stedi-audit.machine_learning_curated`), each with a START and then a COMPLETE or FAIL.
///
/// Events carry table names, columns, counts, digests and key ids, never a row value: no
/// identity and no pseudonym goes into any event.
struct OpenLineageEmitter {
  static let producer = "https://stedi-audit.dev/tool/\(ToolInfo.version)"
  static let customSchemaBase = "https://stedi-audit.dev/spec/facets"
  /// The events file, relative to the workspace.
  static let fileName = "lineage/openlineage.jsonl"

  let namespace: String
  /// `run` or `withdraw`.
  let command: String
  let runID: String
  let policy: Policy
  let pseudonymKeyID: String

  init(options: OpenLineageOptions, workspace: URL, command: String, runID: String, policy: Policy, pseudonymKeyID: String) {
    namespace = options.namespace ?? "file://\(workspace.standardizedFileURL.lastPathComponent)"
    self.command = command
    self.runID = runID
    self.policy = policy
    self.pseudonymKeyID = pseudonymKeyID
  }

  static func datasetName(_ table: TableID) -> String { "\(table.zone.rawValue)/\(table.rawValue)" }

  var parentJob: String { "stedi-audit.\(command)" }

  static func jobName(_ table: TableID) -> String { "stedi-audit.\(table.rawValue)" }

  /// The OpenLineage run id of a job of this run: a UUID derived from the stedi-audit run id.
  func olRunID(_ job: String) -> String {
    RunEvent.uuid(fromDigest: Hex.decode(RowDigester.sha256Hex(Data("\(runID)\n\(job)".utf8))) ?? [])
  }

  // MARK: events

  /// START of the parent job and then of every table's job.
  func startEvents(at time: Int64) -> [RunEvent] {
    [event(.start, job: parentJob, at: time, inputs: [], outputs: [], runFacets: parentFacets(), jobFacets: jobFacets(nil))]
      + TableID.outputs.map { table in
        event(
          .start, job: Self.jobName(table), at: time,
          inputs: OpenLineageColumns.inputs(of: table).map { dataset($0, statistics: nil) },
          outputs: [dataset(table, output: nil, counts: nil)],
          runFacets: childFacets(), jobFacets: jobFacets(table))
      }
  }

  /// COMPLETE of every table's job, then of the parent, with statistics and the custom facet.
  func completeEvents(summary: RunSummary, manifestSHA256: String?, at time: Int64) -> [RunEvent] {
    var events: [RunEvent] = []
    for table in TableID.outputs {
      let counts = summary.tables.first { $0.table == table.rawValue }
      let file = summary.outputs.first { $0.table == table && $0.zone == table.zone }
      var run = childFacets()
      run[OpenLineageFacets.Kind.curation.key] = curationFacet(
        [counts].compactMap { $0 }, summary: summary, manifestSHA256: manifestSHA256)
      events.append(event(
        .complete, job: Self.jobName(table), at: time,
        inputs: OpenLineageColumns.inputs(of: table).map { dataset($0, statistics: summary) },
        outputs: [dataset(table, output: file, counts: counts)], runFacets: run, jobFacets: jobFacets(table)))
    }
    var run = parentFacets()
    run[OpenLineageFacets.Kind.curation.key] = curationFacet(summary.tables, summary: summary, manifestSHA256: manifestSHA256)
    events.append(event(
      .complete, job: parentJob, at: time, inputs: TableID.landings.map { dataset($0, statistics: summary) },
      outputs: TableID.outputs.map { table in
        dataset(
          table, output: summary.outputs.first { $0.table == table && $0.zone == table.zone },
          counts: summary.tables.first { $0.table == table.rawValue })
      },
      runFacets: run, jobFacets: jobFacets(nil)))
    return events
  }

  /// FAIL of every table's job and of the parent, with the error's one-line message (which
  /// names a file, line or field, never a value).
  func failEvents(message: String, at time: Int64) -> [RunEvent] {
    let error = OpenLineageFacets.facet(.errorMessage, ["message": .string(message), "programmingLanguage": "Swift"])
    var events = TableID.outputs.map { table in
      var run = childFacets()
      run[OpenLineageFacets.Kind.errorMessage.key] = error
      return event(.fail, job: Self.jobName(table), at: time, inputs: [], outputs: [], runFacets: run, jobFacets: jobFacets(table))
    }
    var run = parentFacets()
    run[OpenLineageFacets.Kind.errorMessage.key] = error
    events.append(event(.fail, job: parentJob, at: time, inputs: [], outputs: [], runFacets: run, jobFacets: jobFacets(nil)))
    return events
  }

  private func event(
    _ type: RunEvent.EventType, job: String, at time: Int64, inputs: [RunEvent.Dataset],
    outputs: [RunEvent.Dataset], runFacets: [String: LineageJSON], jobFacets: [String: LineageJSON]
  ) -> RunEvent {
    RunEvent(
      eventType: type, eventTime: RunEvent.time(epochMilliseconds: time), producer: Self.producer,
      run: .init(runId: olRunID(job), facets: runFacets),
      job: .init(namespace: namespace, name: job, facets: jobFacets), inputs: inputs, outputs: outputs)
  }

  // MARK: facets

  private func parentFacets() -> [String: LineageJSON] {
    [
      OpenLineageFacets.Kind.processingEngine.key: OpenLineageFacets.facet(
        .processingEngine, ["name": "stedi-audit", "version": .string(ToolInfo.version)])
    ]
  }

  private func childFacets() -> [String: LineageJSON] {
    var facets = parentFacets()
    facets[OpenLineageFacets.Kind.parent.key] = OpenLineageFacets.facet(.parent, [
      "run": ["runId": .string(olRunID(parentJob))],
      "job": ["namespace": .string(namespace), "name": .string(parentJob)],
    ])
    return facets
  }

  private func jobFacets(_ table: TableID?) -> [String: LineageJSON] {
    let description =
      table.map { "curates \(OpenLineageColumns.inputs(of: $0).map(\.rawValue).joined(separator: " and ")) into \($0.rawValue) under the run's policy; every row movement is in the audit log" }
      ?? "stedi-audit \(command): landing -> trusted -> curated under a policy, with a signed manifest"
    return [
      OpenLineageFacets.Kind.jobType.key: OpenLineageFacets.facet(.jobType, [
        "processingType": "BATCH", "integration": "STEDI_AUDIT", "jobType": .string(table == nil ? "JOB" : "TASK"),
      ]),
      OpenLineageFacets.Kind.jobDocumentation.key: OpenLineageFacets.facet(.jobDocumentation, ["description": .string(description)]),
    ]
  }

  /// An input dataset with its schema and, once known, its row count.
  private func dataset(_ table: TableID, statistics summary: RunSummary?) -> RunEvent.Dataset {
    let columns = table.zone == .landing ? OpenLineageColumns.landingColumns(table) : policy.columns(of: table)
    var input: [String: LineageJSON]?
    if let summary {
      let rows = table.zone == .landing
        ? summary.landingRows[table.rawValue] ?? 0
        : summary.tables.first { $0.table == table.rawValue }?.rowsOut ?? 0
      input = [OpenLineageFacets.Kind.inputStatistics.key: OpenLineageFacets.facet(.inputStatistics, ["rowCount": .integer(rows)])]
    }
    return RunEvent.Dataset(
      namespace: namespace, name: Self.datasetName(table),
      facets: [OpenLineageFacets.Kind.schema.key: OpenLineageColumns.schema(columns)], inputFacets: input)
  }

  /// An output dataset with schema, column lineage and, once written, statistics and version.
  private func dataset(_ table: TableID, output file: GuardedLayer.OutputFile?, counts: TableSummary?) -> RunEvent.Dataset {
    let columns = policy.columns(of: table)
    var facets: [String: LineageJSON] = [
      OpenLineageFacets.Kind.schema.key: OpenLineageColumns.schema(columns),
      OpenLineageFacets.Kind.columnLineage.key: OpenLineageColumns.columnLineage(
        of: table, columns: columns, policy: policy, namespace: namespace),
    ]
    var outputFacets: [String: LineageJSON]?
    if let file {
      facets[OpenLineageFacets.Kind.version.key] = OpenLineageFacets.facet(.version, ["datasetVersion": .string(file.sha256)])
      outputFacets = [
        OpenLineageFacets.Kind.outputStatistics.key: OpenLineageFacets.facet(.outputStatistics, [
          "rowCount": .integer(counts?.rowsOut ?? file.rows), "size": .integer(file.bytes), "fileCount": 1,
        ])
      ]
    }
    return RunEvent.Dataset(namespace: namespace, name: Self.datasetName(table), facets: facets, outputFacets: outputFacets)
  }

  /// The custom facet: per table rows in, admitted, rows out and rows per reason, with the
  /// policy, manifest and audit digests.
  private func curationFacet(_ tables: [TableSummary], summary: RunSummary, manifestSHA256: String?) -> LineageJSON {
    let counts: [LineageJSON] = tables.map { table in
      [
        "table": .string(table.table), "rowsIn": .integer(table.rowsIn), "admitted": .integer(table.admitted),
        "rowsOut": .integer(table.rowsOut),
        "excluded": .object(table.excluded.mapValues { .integer($0) }),
        "quarantined": .object(table.quarantined.mapValues { .integer($0) }),
      ]
    }
    var fields: [String: LineageJSON] = [
      "runId": .string(runID), "command": .string(command),
      "policy": ["name": .string(policy.name), "sha256": .string(policy.digest)],
      "pseudonymKeyId": .string(pseudonymKeyID), "tables": .array(counts),
      "hazards": .array(summary.hazards.filter { h in tables.contains { $0.table == h.table.rawValue } }.map {
        ["kind": .string($0.kind), "table": .string($0.table.rawValue), "count": .integer($0.count)]
      }),
    ]
    if let manifestSHA256 { fields["manifestSha256"] = .string(manifestSHA256) }
    if let root = summary.merkleRoot { fields["auditMerkleRoot"] = .string(root) }
    return OpenLineageFacets.facet(.curation, fields)
  }
}
