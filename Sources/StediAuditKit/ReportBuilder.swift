import Foundation
import StediAuditLog
import StediCore
import StediZones

/// Gathers a `ComplianceReport` from the audit log, the run summaries and `verify`.
struct ReportBuilder {
  let workspace: Workspace
  let audit: AuditLog
  let clock: WallClock
  /// The published run, as the reader resolved it when it started.
  var published: String?

  init(workspace: Workspace, audit: AuditLog, clock: WallClock) {
    self.workspace = workspace
    self.audit = audit
    self.clock = clock
    published = workspace.publishedRunID()
  }

  /// The report on `runID`, or on the published run (the latest run if none is published).
  func build(runID: String?, verification: VerificationReport) throws -> ComplianceReport {
    let runs = try audit.runs()
    guard let run = runs.last(where: { $0.runID == (runID ?? published) }) ?? (runID == nil ? runs.last : nil) else {
      throw ToolkitError.noInput(runID.map { "run \($0) is not in the audit log" } ?? "the audit log holds no run")
    }
    let summary = try self.summary(run)
    let files = try audit.files(run: run.id)
    let inputs = files.filter { $0.zone == .landing }.map {
      ComplianceReport.InputFile(table: $0.table.rawValue, path: $0.path, sha256: $0.sha256 ?? "", rows: $0.rows ?? 0, bytes: $0.bytes ?? 0)
    }
    let funnel = summary.tables.map {
      ComplianceReport.FunnelStage(
        table: $0.table, zone: TableID(rawValue: $0.table)?.zone.rawValue ?? "", rowsIn: $0.rowsIn,
        admitted: $0.admitted, excluded: $0.excluded, quarantined: $0.quarantined, rowsOut: $0.rowsOut)
    }
    let previous = runs.last { $0.id < run.id && ($0.status == .published || $0.status == .committed) }
    var report = ComplianceReport(
      formatVersion: ComplianceReport.formatVersion, generatedAt: clock.epochMilliseconds(),
      tool: "\(ToolInfo.name) \(ToolInfo.version)",
      run: .init(
        runId: run.runID, status: run.status.rawValue, published: run.runID == published,
        startedAt: summary.startedAt, finishedAt: summary.finishedAt, policy: run.policyName,
        policySHA256: run.policySHA256, pseudonymKeyId: summary.pseudonymKeyID,
        manifest: summary.manifest.map { URL(fileURLWithPath: $0).lastPathComponent }.map { "manifests/\($0)" },
        manifestSHA256: run.manifestSHA256, merkleRoot: run.merkleRoot, movements: run.movements ?? summary.movements),
      inputs: inputs, funnel: funnel, consent: try consent(run, summary),
      hazards: summary.hazards.map { .init(kind: $0.kind, table: $0.table.rawValue, count: $0.count, description: $0.description) },
      verification: verification, changes: try previous.map { try changes(from: $0, to: summary, inputs: inputs) },
      readingsPerDay: summary.readingsPerDay,
      withdrawals: try audit.withdrawals().map { .init(pseudonym: $0.pseudonym, asOf: $0.asOf, recordedAt: $0.recordedAt) })
    report.coercions = summary.coercions
    report.readingsPerHour = summary.readingsPerHour ?? []
    return report
  }

  func summary(_ run: RunRow) throws -> RunSummary {
    guard let json = try audit.stored(run: run.id).summaryJSON,
      let summary = try? JSONDecoder().decode(RunSummary.self, from: Data(json.utf8))
    else { throw ToolkitError.noInput("run \(run.runID) has no summary (it did not finish)") }
    return summary
  }

  func consent(_ run: RunRow, _ summary: RunSummary) throws -> ComplianceReport.ConsentCoverage {
    func count(_ sql: String) throws -> Int64 { Int64(try audit.rows(sql).first?.first??.description ?? "0") ?? 0 }
    let trusted = TableID.customerTrusted.code
    // Only the run's rowid range: the other runs' rows are not scanned.
    let range = try audit.movementRange(run: run.id).map { " AND rowid BETWEEN \($0.lowerBound) AND \($0.upperBound)" } ?? ""
    let distinct = "SELECT count(DISTINCT subject) FROM movement_range WHERE run = \(run.id)\(range) AND dst_table = \(trusted) AND subject IS NOT NULL"
    let customers = try count(distinct)
    let consented = try count(distinct + " AND reason = \(ReasonCode.admitted.code)")
    let ambiguous = try count(distinct + " AND reason = \(ReasonCode.ambiguousCustomer.code)")
    let withdrawn = try count(distinct + " AND reason = \(ReasonCode.withdrawn.code)")
    let readings = summary.tables.filter { $0.table == "accelerometer_trusted" || $0.table == "step_trainer_trusted" }
    return .init(
      customers: customers, consented: consented,
      notConsented: max(0, customers - consented - ambiguous - withdrawn), ambiguous: ambiguous,
      withdrawn: withdrawn,
      curated: summary.tables.first { $0.table == "customer_curated" }?.admitted ?? 0,
      readingsBeforeConsent: readings.reduce(0) { $0 + ($1.excluded["before_consent"] ?? 0) },
      readingsWithoutConsent: readings.reduce(0) { $0 + ($1.excluded["no_consent"] ?? 0) })
  }

  func changes(from previous: RunRow, to summary: RunSummary, inputs: [ComplianceReport.InputFile]) throws -> ComplianceReport.Changes {
    let before = try self.summary(previous)
    let previousInputs = Set(try audit.files(run: previous.id).filter { $0.zone == .landing }.compactMap(\.sha256))
    var diff: [ComplianceReport.PolicyDiffLine] = []
    if previous.policySHA256 != summary.policySHA256, let old = try audit.stored(run: previous.id).policyText,
      let run = try audit.runs().last(where: { $0.runID == summary.runID }), let new = try audit.stored(run: run.id).policyText
    {
      diff = PolicyTextDiff.lines(from: old, to: new)
    }
    var changes = ComplianceReport.Changes(
      previousRunId: previous.runID, policyChanged: previous.policySHA256 != summary.policySHA256,
      inputsChanged: previousInputs != Set(inputs.map(\.sha256)),
      tables: summary.tables.map { table in
        .init(table: table.table, before: before.tables.first { $0.table == table.table }?.rowsOut ?? 0, now: table.rowsOut)
      })
    changes.policyDiff = diff
    return changes
  }
}
