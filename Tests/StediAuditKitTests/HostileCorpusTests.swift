import Foundation
import Logging
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import Testing

/// The hostile corpus (`HostileCorpus`: over 2,000 generated hostile lines in files framed in
/// every way) through real runs into one workspace: both profiles, then a strict policy whose
/// tables carry pseudonyms only (published last).
///
/// Asserted: the runs finish (a crash fails the suite; the time limit is a hang guard, not a
/// performance target); every table and every landing file is conserved, with the input
/// counted independently of the reader; the workspace verifies and `check` passes; no log line,
/// summary, report (md, html, json), trace, audit record (the SQLite bytes), manifest or output
/// file holds a planted identity, except quarantine files (which keep the raw line, by design)
/// and the identity columns the first two policies keep. Quarantine files must hold the planted
/// identities (which shows the search finds them), and are mode 0600 in 0700 folders.
@Suite(.timeLimit(.minutes(10)))
struct HostileCorpusTests {
  static let seed: UInt64 = 0x4057_11E5

  struct Outcome {
    var directory: TemporaryDirectory
    var counts: [HostileCorpus.Table: Int]
    var fileCounts: [String: Int]
    var summaries: [RunSummary]
    var log: String
    var workspace: URL { directory.path("ws") }
  }

  /// The strict policy with pseudonyms instead of identity columns in every table, so that
  /// everything its run writes but quarantine can be searched for identities.
  static let pseudonymousPolicy = """
    policy: strict-pseudonymous
    version: 1
    consent: {field: shareWithResearchAsOfDate, applies: from_consent_time}
    identity: {email_match: case_insensitive, conflicts: latest_update_wins, pseudonym: hmac-sha256}
    join:
      step_trainer_customer: serial_number
      step_trainer_requires_curated_customer: false
      machine_learning: customer_and_time
    privacy: {identifiers_in_curated: forbid}
    columns:
      customer_trusted: [customerId, registrationDate, lastUpdateDate, shareWithResearchAsOfDate]
      accelerometer_trusted: [customerId, timestamp, x, y, z]
      step_trainer_trusted: [customerId, sensorReadingTime, distanceFromObject]
      customer_curated: [customerId, registrationDate, shareWithResearchAsOfDate]
      machine_learning_curated: [customerId, sensorReadingTime, distanceFromObject, x, y, z]

    """

  /// Both profiles and the pseudonymous policy over the corpus; the last run is published.
  static func runCorpus() throws -> Outcome {
    let directory = TemporaryDirectory()
    let corpus = HostileCorpus(seed: seed)
    #expect(corpus.lineCount >= 2_000)
    let landing = directory.path("landing")
    let counts = try corpus.write(to: landing)
    var fileCounts: [String: Int] = [:]
    for file in corpus.files {
      fileCounts["\(file.table.rawValue)/\(file.name)"] = HostileCorpus.nonBlankLines(
        in: file.bytes)
    }
    let (logger, handler) = TestLogging.make(level: .trace)
    var summaries: [RunSummary] = []
    let policy = directory.path("pseudonymous.yaml")
    try Data(pseudonymousPolicy.utf8).write(to: policy)
    for (profile, file) in [("udacity-rubric", nil), ("strict", nil), ("strict", policy)] {
      let request = RunRequest(
        landing: landing, workspace: directory.path("ws"), profile: profile, policyFile: file,
        keysDirectory: directory.path("keys"), keepRuns: 2)
      summaries.append(try Toolkit.run(request, logger: logger).summary)
    }
    return Outcome(
      directory: directory, counts: counts, fileCounts: fileCounts, summaries: summaries,
      log: TestLogging.text(of: handler))
  }

  @Test func everyTableAndFileIsConservedAndNoIdentityLeaks() throws {
    let outcome = try Self.runCorpus()
    let expected = [
      "customer_landing": Int64(outcome.counts[.customer] ?? -1),
      "accelerometer_landing": Int64(outcome.counts[.accelerometer] ?? -1),
      "step_trainer_landing": Int64(outcome.counts[.stepTrainer] ?? -1),
    ]
    #expect(expected.values.reduce(0, +) >= 2_000)
    for summary in outcome.summaries {
      #expect(summary.landingRows == expected, "\(summary.policy)")
      for table in summary.tables {
        #expect(table.isConserved, "\(summary.policy) \(table.table)")
      }
      for table in [
        "customer_trusted", "accelerometer_trusted", "step_trainer_trusted",
        "machine_learning_curated",
      ] {
        #expect(
          summary.tables.first { $0.table == table }?.rowsOut ?? 0 > 0, "\(summary.policy) \(table)"
        )
      }
      try Self.checkFiles(outcome, summary)
    }
    let verification = try Toolkit.verify(VerifyRequest(workspace: outcome.workspace))
    #expect(verification.passed, "\(verification.renderText())")
    let check = try Toolkit.check(CheckRequest(workspace: outcome.workspace, keysDirectory: outcome.directory.path("keys")))
    #expect(check.outcome == .passed, "\(check.renderText())")
    try Self.checkNoLeaks(
      outcome,
      texts: [
        "log": outcome.log, "verify": verification.renderText(), "check": check.renderText(),
      ])
    try Self.checkQuarantine(outcome.workspace)
  }

  /// Every landing file: its rows in the audit log equal the independent count, and each row
  /// has exactly one movement out of it.
  static func checkFiles(_ outcome: Outcome, _ summary: RunSummary) throws {
    let audit = try AuditLog(
      readingFrom: outcome.workspace.appendingPathComponent("audit/audit.sqlite"))
    let rows = try audit.rows(
      """
      SELECT f.path, f.rows, (SELECT coalesce(sum(m.rows), 0) FROM movement_range m WHERE m.src_file = f.id)
      FROM file f JOIN run r ON r.id = f.run
      WHERE r.run_id = '\(summary.runID)' AND f.zone = 'landing'
      """)
    #expect(rows.count == outcome.fileCounts.count, "\(summary.policy): landing files read")
    for row in rows {
      let path = (row[0] ?? "").replacingOccurrences(of: "/landing/", with: "/")
      let want = try #require(outcome.fileCounts[path], "\(path)")
      #expect(row[1] == String(want), "\(summary.policy) \(path): rows")
      #expect(row[2] == String(want), "\(summary.policy) \(path): movements")
    }
  }

  /// No planted identity outside quarantine and the identity columns the policies keep.
  static func checkNoLeaks(_ outcome: Outcome, texts: [String: String]) throws {
    var texts = texts
    for summary in outcome.summaries {
      texts["summary text \(summary.policy)"] = summary.renderText()
      texts["summary json \(summary.policy)"] = try summary.renderJSON()
    }
    let encoder = JSONEncoder()
    for summary in outcome.summaries {
      let request = ReportRequest(workspace: outcome.workspace, runID: summary.runID)
      let report = try Toolkit.report(request)
      #expect(report.verification.passed)
      texts["report md \(summary.runID)"] = report.renderMarkdown()
      texts["report html \(summary.runID)"] = report.renderHTML()
      texts["report json \(summary.runID)"] = String(
        decoding: try encoder.encode(report), as: UTF8.self)
    }
    for email in PlantedIdentities.emails.prefix(3) {
      let trace = try Toolkit.trace(TraceRequest(workspace: outcome.workspace, email: email, keysDirectory: outcome.directory.path("keys")))
      #expect(!trace.runs.isEmpty, "the trace finds the planted customer")
      texts["trace"] =
        (texts["trace"] ?? "") + trace.renderText()
        + String(decoding: try encoder.encode(trace), as: UTF8.self)
    }
    for (name, text) in texts {
      #expect(PlantedIdentities.leaks(in: Array(text.utf8)).isEmpty, "\(name)")
    }
    // Quarantine keeps raw lines, by design; the earlier runs' policies keep identity columns
    // in trusted (and, for the rubric, curated) tables. The last run's policy keeps none.
    let earlier = outcome.summaries.dropLast().map(\.runID)
    let scanned = try files(under: outcome.workspace).filter { path in
      !path.contains("/quarantine/")
        && !earlier.contains {
          path.contains("/runs/\($0)/trusted/") || path.contains("/runs/\($0)/curated/")
        }
    }
    #expect(scanned.contains { $0.contains("/trusted/customer_trusted/") })
    #expect(scanned.contains { $0.hasSuffix("audit.sqlite") })
    #expect(scanned.contains { $0.hasSuffix(".dsse.json") })
    #expect(scanned.contains { $0.contains("/curated/machine_learning_curated/") })
    for path in scanned {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(PlantedIdentities.leaks(in: bytes).isEmpty, "\(path)")
    }
  }

  /// Quarantine files hold the planted identities (raw lines, by design), mode 0600 in 0700
  /// folders.
  static func checkQuarantine(_ workspace: URL) throws {
    let quarantine = workspace.appendingPathComponent("quarantine")
    var raw: [UInt8] = []
    #expect(try mode(of: quarantine.resolvingSymlinksInPath().path) == 0o700)
    for table in ["customer_landing", "accelerometer_landing", "step_trainer_landing"] {
      let folder = quarantine.appendingPathComponent(table)
      let file = folder.appendingPathComponent("part-00000.jsonl")
      #expect(try mode(of: folder.path) == 0o700, "\(table)")
      #expect(try mode(of: file.path) == 0o600, "\(table)")
      raw += try [UInt8](Data(contentsOf: file))
    }
    #expect(PlantedIdentities.leaks(in: raw).count > 10)
  }

  static func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
  }

  /// The regular files under `root`, not following links.
  static func files(under root: URL) throws -> [String] {
    var found: [String] = []
    var pending = [root.path]
    let manager = FileManager.default
    while let directory = pending.popLast() {
      for name in try manager.contentsOfDirectory(atPath: directory) {
        let path = directory + "/" + name
        let type = try manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        if type == .typeDirectory {
          pending.append(path)
        } else if type == .typeRegular {
          found.append(path)
        }
      }
    }
    return found
  }
}
