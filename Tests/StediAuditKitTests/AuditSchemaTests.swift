import Foundation
import StediAuditLog
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
    #expect(try log.schemaVersion() == 3)
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
}
