import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import StediPolicy
import StediZones
import Testing

/// `stedi-audit ddl`: DDL that query engines run over a published workspace.
struct DDLTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func published(_ profile: String, in directory: TemporaryDirectory) throws -> (URL, RunSummary) {
    let landing = try #require(TinyFixtureTests.tiny)
    let (logger, _) = TestLogging.make()
    let workspace = directory.path("ws")
    let outcome = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, profile: profile, keysDirectory: directory.path("keys")),
      logger: logger)
    return (workspace, outcome.summary)
  }

  struct Executed: Decodable {
    var rows: [String: Int64]
    var columns: [String: [String]]
  }

  /// Runs DuckDB's DDL, or Spark SQL's in local PySpark, with `scripts/run-ddl` (DuckDB and
  /// PySpark from PyPI, installed by the project's scripts).
  static func execute(_ ddl: String, spark: Bool = false, in directory: TemporaryDirectory) throws -> Executed {
    let file = directory.path(spark ? "spark.sql" : "ddl.sql")
    try Data(ddl.utf8).write(to: file)
    let process = Process()
    process.executableURL = packageRoot.appendingPathComponent("scripts/run-ddl")
    process.arguments = (spark ? ["--spark"] : []) + [file.path]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(String(decoding: stderr, as: UTF8.self))")
    return try JSONDecoder().decode(Executed.self, from: stdout)
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func duckDBReadsEveryPublishedRowWithThePolicysColumns(_ profile: String) throws {
    let directory = TemporaryDirectory()
    let (workspace, summary) = try Self.published(profile, in: directory)
    let ddl = try Toolkit.ddl(DDLRequest(workspace: workspace, dialect: .duckdb))
    let executed = try Self.execute(ddl, in: directory)
    let policy = try PolicyLoader.builtin(profile)
    let published = summary.outputs.filter { $0.zone != .quarantine }
    #expect(published.count == 5)
    for output in published {
      #expect(executed.rows[output.table.rawValue] == output.rows, "\(output.table)")
      #expect(executed.columns[output.table.rawValue] == policy.columns(of: output.table).map(\.rawValue))
    }
    #expect(published.contains { $0.rows > 0 })
  }

  /// Spark SQL executes its dialect over a published workspace (local PySpark) and reads every
  /// row the manifest lists, with the policy's columns.
  @Test func sparkSQLReadsEveryPublishedRowWithThePolicysColumns() throws {
    let directory = TemporaryDirectory()
    let (workspace, summary) = try Self.published("strict", in: directory)
    let ddl = try Toolkit.ddl(DDLRequest(workspace: workspace, dialect: .spark))
    let executed = try Self.execute(ddl, spark: true, in: directory)
    let policy = try PolicyLoader.builtin("strict")
    let published = summary.outputs.filter { $0.zone != .quarantine }
    #expect(executed.rows.count == 5)
    for output in published {
      #expect(executed.rows[output.table.rawValue] == output.rows, "\(output.table)")
      #expect(executed.columns[output.table.rawValue] == policy.columns(of: output.table).map(\.rawValue))
    }
    #expect(published.contains { $0.rows > 0 })
  }

  @Test func athenaAndSparkTablesNameTheirLocationsAndTypes() throws {
    let directory = TemporaryDirectory()
    let (workspace, _) = try Self.published("strict", in: directory)
    let athena = try Toolkit.ddl(DDLRequest(workspace: workspace, dialect: .athena, location: "s3://lake/stedi/", database: "stedi_prod"))
    #expect(athena.contains("CREATE DATABASE IF NOT EXISTS `stedi_prod`;"))
    #expect(athena.contains("CREATE EXTERNAL TABLE IF NOT EXISTS `stedi_prod`.`machine_learning_curated` ("))
    #expect(athena.contains("LOCATION 's3://lake/stedi/curated/machine_learning_curated/'"))
    #expect(athena.contains("LOCATION 's3://lake/stedi/trusted/step_trainer_trusted/'"))
    #expect(athena.contains("  `sensorreadingtime` bigint,"))
    #expect(athena.contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'"))
    #expect(athena.components(separatedBy: "CREATE EXTERNAL TABLE").count == 6)
    let spark = try Toolkit.ddl(DDLRequest(workspace: workspace, dialect: .spark, location: "/data/lake"))
    #expect(spark.contains("CREATE TABLE IF NOT EXISTS stedi.customer_curated (\n  `customerId` string,"))
    #expect(spark.contains(") USING json\nLOCATION '/data/lake/curated/customer_curated';"))
    #expect(spark.contains("`x` double"))
    // No identity column in a strict curated table.
    let curated = spark.components(separatedBy: "stedi.customer_curated (")[1].components(separatedBy: ")")[0]
    for identifier in ["email", "customerName", "phone", "birthDay"] { #expect(!curated.contains("`\(identifier)`")) }
  }

  @Test func athenaWithoutAnS3LocationAndBadDatabasesAreUsageErrors() throws {
    let directory = TemporaryDirectory()
    let (workspace, _) = try Self.published("strict", in: directory)
    #expect(throws: ToolkitError.usage("--dialect athena needs --location s3://BUCKET/PREFIX (where the zone folders are copied)")) {
      try Toolkit.ddl(DDLRequest(workspace: workspace, dialect: .athena))
    }
    #expect(throws: ToolkitError.self) {
      try Toolkit.ddl(DDLRequest(workspace: workspace, dialect: .spark, database: "x; DROP TABLE y"))
    }
  }
}
