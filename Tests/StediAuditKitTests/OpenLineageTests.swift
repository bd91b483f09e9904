import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import StediKeys
import StediZones
import Testing

/// OpenLineage events of `run` and `withdraw`: validated against the official schemas
/// (`scripts/validate-openlineage`, spec folder from `OPENLINEAGE_SPEC`, default
/// `../shared/openlineage-spec`), free of identities, and delivered to a local receiver — or
/// not, when it is down, slow or failing, without stopping the run from publishing.
struct OpenLineageTests {
  static let root = ReportRenderingTests.packageRoot

  static func events(_ workspace: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: workspace.appendingPathComponent("lineage/openlineage.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  /// Runs the project's validator on a JSON-lines file; (status, output).
  static func validate(_ file: URL) throws -> (Int32, String) {
    let script = root.appendingPathComponent("scripts/validate-openlineage")
    let result = try ReportBrowser.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, file.path], timeout: 900)
    return (result.status, result.output)
  }

  /// The key folder of a test workspace: beside it, never inside it or in the home folder.
  static func keys(beside workspace: URL) -> URL {
    workspace.deletingLastPathComponent().appendingPathComponent("keys")
  }

  static func run(_ workspace: URL, profile: String = "strict", options: OpenLineageOptions = .init()) throws -> RunSummary {
    let (logger, _) = TestLogging.make()
    var request = RunRequest(
      landing: try #require(TinyFixtureTests.tiny), workspace: workspace, profile: profile,
      keysDirectory: keys(beside: workspace))
    request.openLineage = options
    return try Toolkit.run(request, logger: logger).summary
  }

  static func job(_ event: [String: Any]) -> String { (event["job"] as? [String: Any])?["name"] as? String ?? "" }
  static func type(_ event: [String: Any]) -> String { event["eventType"] as? String ?? "" }

  @Test func aRunWritesSchemaValidEventsWithLineageCountsAndNoIdentity() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("lake")
    let summary = try Self.run(workspace)
    let events = try Self.events(workspace)
    let tables = ["customer_trusted", "accelerometer_trusted", "step_trainer_trusted", "customer_curated", "machine_learning_curated"]
    let expected = [("START", "stedi-audit.run")] + tables.map { ("START", "stedi-audit.\($0)") }
      + tables.map { ("COMPLETE", "stedi-audit.\($0)") } + [("COMPLETE", "stedi-audit.run")]
    #expect(events.map { "\(Self.type($0)) \(Self.job($0))" } == expected.map { "\($0.0) \($0.1)" })
    #expect(summary.openLineage?.written == 12 && summary.openLineage?.warning == nil)

    let (status, output) = try Self.validate(workspace.appendingPathComponent("lineage/openlineage.jsonl"))
    #expect(status == 0, "\(output)")
    #expect(output.contains("12 events, 0 errors"))

    // START and COMPLETE of a job share one run id; children name the parent run.
    let runIDs = Dictionary(grouping: events) { Self.job($0) }.mapValues { Set($0.map { ($0["run"] as? [String: Any])?["runId"] as? String ?? "" }) }
    #expect(runIDs.values.allSatisfy { $0.count == 1 } && Set(runIDs.values.flatMap { $0 }).count == 6)
    let complete = try #require(events.first { Self.type($0) == "COMPLETE" && Self.job($0) == "stedi-audit.machine_learning_curated" })
    let runFacets = try #require((complete["run"] as? [String: Any])?["facets"] as? [String: Any])
    let parent = try #require(runFacets["parent"] as? [String: Any])
    #expect((parent["run"] as? [String: Any])?["runId"] as? String == runIDs["stedi-audit.run"]?.first)

    // Namespace and dataset names: the workspace folder's name and zone/table, no machine path.
    let output0 = try #require((complete["outputs"] as? [[String: Any]])?.first)
    #expect(output0["namespace"] as? String == "file://lake")
    #expect(output0["name"] as? String == "curated/machine_learning_curated")
    let inputs = (complete["inputs"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
    #expect(inputs == ["trusted/step_trainer_trusted", "trusted/accelerometer_trusted"])
    let raw = try Data(contentsOf: workspace.appendingPathComponent("lineage/openlineage.jsonl"))
    #expect(PlaintextScan.occurrences(of: [directory.url.path, NSTemporaryDirectory()], in: raw).isEmpty)

    // Output statistics and the custom facet equal the run summary.
    let statistics = (output0["outputFacets"] as? [String: Any])?["outputStatistics"] as? [String: Any]
    let ml = try #require(summary.tables.first { $0.table == "machine_learning_curated" })
    #expect(statistics?["rowCount"] as? Int == Int(ml.rowsOut))
    let mlFile = try #require(summary.outputs.first { $0.table.rawValue == "machine_learning_curated" })
    #expect(statistics?["size"] as? Int == Int(mlFile.bytes))
    let curation = try #require(runFacets["stediAudit_curation"] as? [String: Any])
    #expect((curation["policy"] as? [String: Any])?["sha256"] as? String == summary.policySHA256)
    let manifest = try Data(contentsOf: URL(fileURLWithPath: try #require(summary.manifest)))
    #expect(curation["manifestSha256"] as? String == RowDigester.sha256Hex(manifest))
    #expect(curation["auditMerkleRoot"] as? String == summary.merkleRoot)
    let counted = try #require((curation["tables"] as? [[String: Any]])?.first)
    #expect(counted["rowsIn"] as? Int == Int(ml.rowsIn) && counted["admitted"] as? Int == Int(ml.admitted))
    #expect((counted["excluded"] as? [String: Int]) == ml.excluded.mapValues { Int($0) })
    let parentComplete = try #require(events.last)
    let allCounts = (((parentComplete["run"] as? [String: Any])?["facets"] as? [String: Any])?["stediAudit_curation"] as? [String: Any])?["tables"] as? [[String: Any]]
    #expect(allCounts?.count == 5)

    // Column lineage: customerId is a masked pseudonym of the customer's email.
    let trusted = try #require(events.first { Self.type($0) == "COMPLETE" && Self.job($0) == "stedi-audit.customer_curated" })
    let lineage = try #require(((((trusted["outputs"] as? [[String: Any]])?.first)?["facets"] as? [String: Any])?["columnLineage"] as? [String: Any])?["fields"] as? [String: Any])
    let customerId = try #require(lineage["customerId"] as? [String: Any])
    #expect(customerId["transformationType"] as? String == "MASKED")
    let source = try #require((customerId["inputFields"] as? [[String: Any]])?.first)
    #expect(source["name"] as? String == "trusted/customer_trusted" && source["field"] as? String == "email")
    let transformation = (source["transformations"] as? [[String: Any]])?.first
    #expect(transformation?["masking"] as? Bool == true)
    #expect((transformation?["description"] as? String)?.contains("HMAC-SHA256") == true)
    let mlLineage = ((output0["facets"] as? [String: Any])?["columnLineage"] as? [String: Any])?["fields"] as? [String: Any]
    let mlCustomer = (mlLineage?["customerId"] as? [String: Any])?["inputFields"] as? [[String: Any]]
    #expect(mlCustomer?.first?["name"] as? String == "trusted/step_trainer_trusted")
    #expect(mlCustomer?.first?["field"] as? String == "serialNumber")
    let copied = ((mlLineage?["x"] as? [String: Any])?["inputFields"] as? [[String: Any]])?.first
    #expect(copied?["name"] as? String == "trusted/accelerometer_trusted" && copied?["field"] as? String == "x")

    // No identity and no pseudonym: the fixture's identities and every customerId written.
    var needles = try ReportRenderingTests.identities()
    let curated = try String(contentsOf: workspace.appendingPathComponent("curated/customer_curated/part-00000.jsonl"), encoding: .utf8)
    let pseudonyms = curated.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["customerId"] as? String
    }
    #expect(!pseudonyms.isEmpty)
    needles += pseudonyms
    #expect(PlaintextScan.occurrences(of: needles, in: raw).isEmpty)
  }

  @Test func theValidatorRejectsBrokenEvents() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("lake")
    _ = try Self.run(workspace)
    var events = try Self.events(workspace)
    var run = try #require(events[0]["run"] as? [String: Any])
    run["runId"] = "not-a-uuid"
    events[0]["run"] = run
    events[1]["eventType"] = "FINISHED"
    var job = try #require(events[2]["job"] as? [String: Any])
    var facets = try #require(job["facets"] as? [String: Any])
    var jobType = try #require(facets["jobType"] as? [String: Any])
    jobType.removeValue(forKey: "integration")
    facets["jobType"] = jobType
    facets["madeUp"] = ["_producer": "https://x.test", "_schemaURL": "https://x.test/s.json"]
    job["facets"] = facets
    events[2]["job"] = job
    let broken = directory.path("broken.jsonl")
    let lines = try events.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: broken)
    let (status, output) = try Self.validate(broken)
    #expect(status == 1, "\(output)")
    for needle in ["broken.jsonl:1", "uuid", "broken.jsonl:2", "FINISHED", "broken.jsonl:3", "integration", "'madeUp' has no schema"] {
      #expect(output.contains(needle), "\(needle) in \(output)")
    }
  }

  @Test func withdrawAndAFailedRunEmitTheirEvents() throws {
    let directory = TemporaryDirectory()
    let workspace = directory.path("lake")
    _ = try Self.run(workspace)
    let (logger, _) = TestLogging.make()
    _ = try Toolkit.withdraw(
      WithdrawRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: Self.keys(beside: workspace)),
      logger: logger)
    var request = RunRequest(
      landing: try #require(TinyFixtureTests.tiny), workspace: workspace, keysDirectory: Self.keys(beside: workspace))
    request.openLineage = OpenLineageOptions(namespace: "stedi://lake")
    #expect(throws: (any Error).self) {
      try Toolkit.run(request, logger: logger, checkpoint: { point in
        if point == .beforePublish { throw ReportBrowser.Failure(description: "planted failure") }
      })
    }
    let events = try Self.events(workspace)
    #expect(events.count == 12 + 12 + 12)
    #expect(events[12...].prefix(12).allSatisfy { Self.job($0) != "stedi-audit.run" })
    #expect(Self.job(events[23]) == "stedi-audit.withdraw" && Self.type(events[23]) == "COMPLETE")
    let failed = events[24...]
    #expect(failed.filter { Self.type($0) == "FAIL" }.count == 6)
    #expect(failed.allSatisfy { (($0["job"] as? [String: Any])?["namespace"] as? String) == "stedi://lake" })
    let error = ((events[35]["run"] as? [String: Any])?["facets"] as? [String: Any])?["errorMessage"] as? [String: Any]
    #expect((error?["message"] as? String)?.contains("planted failure") == true)
    let (status, output) = try Self.validate(workspace.appendingPathComponent("lineage/openlineage.jsonl"))
    #expect(status == 0 && output.contains("36 events, 0 errors"), "\(output)")
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
  }

  /// Receiver up, down, slow and failing: the run publishes and verifies in every case; the
  /// events arrive in order when it is up. (The receiver's 30 s sleep is far beyond the 0.4 s
  /// timeout, so "slow" always times out.)
  @Test(arguments: LineageReceiver.Mode.allCases)
  func deliveryNeverStopsPublication(_ mode: LineageReceiver.Mode) throws {
    let directory = TemporaryDirectory()
    let receiver = try LineageReceiver(mode, in: directory.url)
    defer { receiver.stop() }
    let workspace = directory.path("lake")
    let summary = try Self.run(workspace, options: OpenLineageOptions(url: receiver.url + "/", timeout: 0.4, attempts: 2))
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).passed)
    #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl").path))
    let delivery = try #require(summary.openLineage)
    #expect(delivery.written == 12 && delivery.endpoint == "http://127.0.0.1:\(receiver.port)")
    let file = try String(contentsOf: workspace.appendingPathComponent("lineage/openlineage.jsonl"), encoding: .utf8)
    let requests = try receiver.requests()
    switch mode {
    case .ok:
      #expect(delivery.delivered == 12 && delivery.undelivered == 0 && delivery.warning == nil)
      #expect(requests.map(\.path) == Array(repeating: "/api/v1/lineage", count: 12))
      #expect(requests.map(\.body) == file.split(separator: "\n").map(String.init))
    case .error, .slow, .down:
      #expect(delivery.delivered == 0 && delivery.undelivered == 12)
      let warning = try #require(delivery.warning)
      let reason = ["error": "HTTP 500 after 2 attempts", "slow": "timed out", "down": "refused"][mode.rawValue] ?? ""
      #expect(warning.contains(reason) && warning.contains("WORKSPACE/lineage/openlineage.jsonl"), "\(warning)")
      #expect(!warning.contains("\n"))
      // Two attempts at the first event, then the endpoint is given up for this run.
      #expect(requests.count == (mode == .down ? 0 : 2))
    }
  }
}
