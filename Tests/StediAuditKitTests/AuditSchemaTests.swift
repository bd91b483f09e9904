import Foundation
import StediAuditKit
import StediAuditLog
import StediCore
import StediAuditTestSupport
import Testing

/// `audit/schema.sql` documents exactly what the migrations create.
struct AuditSchemaTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func statements(_ sql: String) -> [String] {
    sql.split(separator: "\n")
      .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
      .joined(separator: "\n")
      .split(separator: ";")
      .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
      .filter { !$0.isEmpty }
  }

  @Test func migratedDatabaseMatchesSchemaFile() throws {
    let directory = TemporaryDirectory()
    let log = try AuditLog(path: directory.path("audit.sqlite"))
    #expect(try log.schemaVersion() == 4)
    let created = try log.rows("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
      .compactMap { $0[0] }.joined(separator: ";\n")
    let documented = try String(contentsOf: Self.repository.appendingPathComponent("audit/schema.sql"), encoding: .utf8)
    #expect(Self.statements(created) == Self.statements(documented))
  }

  @Test func reopeningDoesNotMigrateAgainAndSeedsReferenceTables() throws {
    let directory = TemporaryDirectory()
    _ = try AuditLog(path: directory.path("audit.sqlite"))
    let again = try AuditLog(path: directory.path("audit.sqlite"))
    #expect(try again.rows("SELECT count(*) FROM reason")[0][0] == "15")
    #expect(try again.rows("SELECT name FROM table_ref WHERE code = 8")[0][0] == "machine_learning_curated")
  }

  /// A log of version 3 (one `movement` row per movement, as that version wrote them) is
  /// converted to ranges when opened, and every run's signed Merkle root still holds.
  @Test func aVersionThreeLogIsConvertedAndItsSignedRootsHold() throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let (logger, _) = TestLogging.make()
    for profile in ["strict", "udacity-rubric"] {
      _ = try Toolkit.run(
        RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: directory.path("keys")),
        logger: logger)
    }
    let url = workspace.appendingPathComponent("audit/audit.sqlite")
    var expected: [Int64: Int64] = [:]
    do {
      let log = try AuditLog(path: url)
      var movements: [(run: Int64, movement: Movement)] = []
      for run in try log.runs() {
        try log.forEachMovement(run: run.id) { movement, _ in movements.append((run.id, movement)) }
        expected[run.id] = run.movements
      }
      for statement in [
        """
        CREATE TABLE movement (run INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
          src_digest BLOB NOT NULL, dst_table INTEGER NOT NULL, dst_file INTEGER, dst_line INTEGER,
          reason INTEGER NOT NULL, subject INTEGER)
        """,
        "DROP VIEW movement_range_view", "DROP TABLE movement_range",
        "CREATE VIEW movement_view AS SELECT * FROM movement",
      ] { _ = try log.rows(statement) }
      func value(_ number: Int64?) -> String { number.map(String.init) ?? "NULL" }
      for (run, movement) in movements {
        _ = try log.rows("""
          INSERT INTO movement VALUES (\(run), \(movement.sourceFile), \(movement.sourceLine),
            X'\(Hex.encode(movement.sourceDigest.bytes))', \(movement.destinationTable.code),
            \(value(movement.destinationFile)), \(value(movement.destinationLine)), \(movement.reason.code),
            \(value(movement.subject)))
          """)
      }
      _ = try log.rows("PRAGMA user_version = 3")
      #expect(movements.count > 40)
    }
    let migrated = try AuditLog(path: url)
    #expect(try migrated.schemaVersion() == 4)
    #expect(try migrated.rows("SELECT count(*) FROM sqlite_master WHERE name IN ('movement', 'movement_view')")[0][0] == "0")
    for (run, movements) in expected { #expect(try migrated.movementCount(run: run) == movements) }
    let report = try Toolkit.verify(VerifyRequest(workspace: workspace, all: true))
    #expect(report.passed, "\(report.checks.filter { !$0.passed }.map(\.details))")
  }
}
