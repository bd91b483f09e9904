import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import StediCore
import StediKeys
import StediZones
import Testing

/// The hand-written `tiny` fixture, with the counts computed by hand in
/// `Fixtures/tiny/EXPECTED.md`, for both profiles.
struct TinyFixtureTests {
  static let tiny = Bundle.module.url(forResource: "Fixtures/tiny", withExtension: nil)

  struct Expected: Sendable, CustomTestStringConvertible {
    var profile: String
    var tables: [String: (rowsIn: Int64, admitted: Int64, reasons: [String: Int64], rowsOut: Int64)]
    var crossCustomer: Int64?
    var testDescription: String { profile }
  }

  static let expectations: [Expected] = [
    Expected(profile: "strict", tables: [
      "customer_trusted": (11, 4, ["no_consent": 3, "duplicate": 1, "superseded": 1, "malformed": 1, "schema_violation": 1], 4),
      "accelerometer_trusted": (12, 6, ["before_consent": 2, "no_consent": 2, "unknown_user": 1, "schema_violation": 1], 6),
      "step_trainer_trusted": (8, 2, ["before_consent": 1, "no_consent": 2, "ambiguous_serial": 1, "unknown_serial": 1, "malformed": 1], 2),
      "customer_curated": (4, 4, [:], 4),
      "machine_learning_curated": (8, 5, ["no_match": 3], 3),
    ], crossCustomer: nil),
    Expected(profile: "udacity-rubric", tables: [
      "customer_trusted": (11, 6, ["no_consent": 3, "malformed": 1, "schema_violation": 1], 6),
      "accelerometer_trusted": (12, 8, ["no_consent": 1, "unknown_user": 2, "schema_violation": 1], 8),
      "step_trainer_trusted": (8, 4, ["not_curated": 2, "unknown_serial": 1, "malformed": 1], 4),
      "customer_curated": (6, 4, ["duplicate": 1, "no_readings": 1], 4),
      "machine_learning_curated": (12, 11, ["no_match": 1], 7),
    ], crossCustomer: 1),
  ]

  static func run(_ profile: String, in directory: TemporaryDirectory) throws -> RunOutcome {
    let landing = try #require(tiny)
    let (logger, _) = TestLogging.make()
    return try Toolkit.run(
      RunRequest(landing: landing, workspace: directory.path("ws"), profile: profile, keysDirectory: directory.path("keys")), logger: logger)
  }

  @Test(arguments: expectations)
  func countsMatchTheHandComputation(_ expected: Expected) throws {
    let directory = TemporaryDirectory()
    let summary = try Self.run(expected.profile, in: directory).summary
    #expect(summary.tables.map(\.table) == TableID.outputs.map(\.rawValue))
    for table in summary.tables {
      let want = try #require(expected.tables[table.table])
      #expect(table.rowsIn == want.rowsIn, "\(table.table) rows in")
      #expect(table.admitted == want.admitted, "\(table.table) admitted")
      #expect(table.excluded.merging(table.quarantined) { $0 + $1 } == want.reasons, "\(table.table) reasons")
      #expect(table.rowsOut == want.rowsOut, "\(table.table) rows out")
      #expect(table.isConserved)
    }
    let hazard = summary.hazards.first { $0.kind == "cross_customer_join" }
    #expect(hazard?.count == expected.crossCustomer)
    #expect(summary.landingRows == ["customer_landing": 11, "accelerometer_landing": 12, "step_trainer_landing": 8])
  }

  @Test func strictCuratedTablesCarryPseudonymsOnly() throws {
    let directory = TemporaryDirectory()
    _ = try Self.run("strict", in: directory)
    let workspace = directory.path("ws")
    let key = try KeyStore(directory: directory.path("keys")).pseudonymKey(createIfMissing: false).0
    let ana = Pseudonymizer(key: key).pseudonym(ofEmailKey: "ana.lee@test.com")
    let gus = Pseudonymizer(key: key).pseudonym(ofEmailKey: "gus@test.com")
    let ml = try String(contentsOf: workspace.appendingPathComponent("curated/machine_learning_curated/part-00000.jsonl"), encoding: .utf8)
    #expect(ml == """
      {"customerId":"\(ana)","sensorReadingTime":1000,"distanceFromObject":10,"x":1.0,"y":0.0,"z":-1.0}
      {"customerId":"\(ana)","sensorReadingTime":1000,"distanceFromObject":10,"x":0.0,"y":1.0,"z":-1.0}
      {"customerId":"\(gus)","sensorReadingTime":1100,"distanceFromObject":16.5,"x":0.0,"y":0.0,"z":0.0}

      """)
    let curated = try String(contentsOf: workspace.appendingPathComponent("curated/customer_curated/part-00000.jsonl"), encoding: .utf8)
    #expect(curated.split(separator: "\n").count == 4)
    for identifier in ["@test.com", "@Test.com", "Ana Lee", "8015550101", "1960-01-01", "S-A"] {
      #expect(!curated.contains(identifier))
      #expect(!ml.contains(identifier))
    }
    #expect(curated.hasPrefix(#"{"customerId":"\#(ana)","registrationDate":50,"shareWithResearchAsOfDate":1000}"#))
  }

  @Test func quarantineKeepsEveryRejectedLineWithItsOrigin() throws {
    let directory = TemporaryDirectory()
    _ = try Self.run("strict", in: directory)
    let quarantine = directory.path("ws/quarantine")
    let customer = try String(contentsOf: quarantine.appendingPathComponent("customer_landing/part-00000.jsonl"), encoding: .utf8)
    let lines = customer.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(lines.count == 2)
    #expect(lines[0]?["file"] as? String == "customer/customers.json")
    #expect(lines[0]?["line"] as? Int == 9)
    #expect(lines[0]?["reason"] as? String == "malformed")
    #expect(lines[1]?["line"] as? Int == 11)
    #expect(lines[1]?["reason"] as? String == "schema_violation")
    #expect(lines[1]?["field"] as? String == "email")
    #expect((lines[1]?["raw"] as? String)?.contains("No Email") == true)
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func auditLogAccountsForEveryRowAndHoldsNoPlaintext(_ profile: String) throws {
    let directory = TemporaryDirectory()
    let summary = try Self.run(profile, in: directory).summary
    let audit = try AuditLog(readingFrom: directory.path("ws/audit/audit.sqlite"))
    // One movement per landing row, per customer_trusted row offered for curation, per parent of
    // a machine-learning row, and per unmatched trusted reading.
    let table = { (name: String) in summary.tables.first { $0.table == name } }
    let ml = try #require(table("machine_learning_curated"))
    let expected = summary.landingRows.values.reduce(0, +) + (table("customer_trusted")?.rowsOut ?? 0)
      + 2 * ml.rowsOut + (ml.excluded["no_match"] ?? 0)
    #expect(summary.movements == expected)
    #expect(try audit.rows("SELECT sum(rows) FROM movement_range")[0][0] == String(expected))
    // Every non-blank landing line is the source of exactly one movement.
    let run = try #require(try audit.runs().first { $0.runID == summary.runID })
    var perLine: [String: Int] = [:]
    for row in try audit.movementRows(run: run.id) where row.sourceZone == .landing {
      perLine["\(row.sourcePath):\(row.sourceLine)", default: 0] += 1
    }
    #expect(perLine.count == 31)
    #expect(perLine.values.allSatisfy { $0 == 1 })
    let blank = perLine["customer/customers.json:10"]
    #expect(blank == nil, "the blank line 10 is not a row")
    // No identity in plaintext anywhere in the database files.
    let bytes = PlaintextScan.bytes(of: directory.path("ws/audit"), prefix: "audit.sqlite")
    #expect(bytes.count > 10_000)
    let identities = [
      "ana.lee@test.com", "ben.ode@test.com", "dee.roy@test.com", "eve@test.com", "fay@test.com",
      "Gus@Test.com", "gus@test.com", "unknown@test.com", "Ana Lee", "Eve Wu", "8015550101",
      "1960-01-01", "1966-07-07",
    ]
    #expect(PlaintextScan.occurrences(of: identities, in: bytes) == [])
    #expect(try audit.rows("SELECT DISTINCT key_id FROM subject").count == 1)
  }

  @Test func secondRunKeepsPseudonymsStableAndPublishesAtomically() throws {
    let directory = TemporaryDirectory()
    let first = try Self.run("strict", in: directory).summary
    let second = try Self.run("strict", in: directory)
    #expect(second.createdKeyFile == nil)
    #expect(first.runID != second.summary.runID)
    let firstML = first.outputs.first { $0.table == .machineLearningCurated }?.sha256
    let secondML = second.summary.outputs.first { $0.table == .machineLearningCurated }?.sha256
    #expect(firstML == secondML)
    let current = try FileManager.default.destinationOfSymbolicLink(atPath: directory.path("ws/current").path)
    #expect(current == "runs/\(second.summary.runID)")
  }
}
