public import Foundation
import StediCore
import StediPolicy
import StediZones

/// What `stedi-audit ddl` asks for.
public struct DDLRequest: Sendable {
  public enum Dialect: String, Sendable, CaseIterable {
    /// Glue Data Catalog / Athena: `CREATE EXTERNAL TABLE` with the OpenX JSON SerDe, or
    /// `STORED AS PARQUET` for a run published with `--format parquet`.
    case athena
    /// Spark SQL: `CREATE TABLE … USING json` (or `USING parquet`).
    case spark
    /// DuckDB: views over `read_json` (or `read_parquet`) of the published files.
    case duckdb
  }

  public var workspace: URL
  public var dialect: Dialect
  /// Where the workspace's zone folders are for the engine: a URI prefix (`s3://bucket/lake`)
  /// holding `trusted/` and `curated/` as the workspace does. Default: the workspace's own
  /// path (required for Athena, which reads S3).
  public var location: String?
  /// The database (Athena, Spark) the tables are made in.
  public var database: String?

  public init(workspace: URL, dialect: Dialect, location: String? = nil, database: String? = nil) {
    self.workspace = workspace
    self.dialect = dialect
    self.location = location
    self.database = database
  }
}

extension Toolkit {
  /// `stedi-audit ddl`: the DDL that makes every trusted and curated table of the workspace's
  /// published run queryable by an engine, with the columns its policy publishes. The tables
  /// read the zone folders (`trusted/<table>/`, `curated/<table>/`), which always show the
  /// published run, so the DDL stays valid across runs until the policy's columns change.
  ///
  /// - Throws: `ToolkitError.noInput` if nothing is published; `ToolkitError.usage` for Athena
  ///   without an S3 location or a database name that is not an identifier.
  public static func ddl(_ request: DDLRequest) throws -> String {
    let snapshot = try ReaderSnapshot(Workspace(root: request.workspace))
    let (runID, policy, summary) = try publishedRun(snapshot)
    let database = request.database ?? "stedi"
    guard database.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !database.isEmpty else {
      throw ToolkitError.usage("--database \(database): use letters, digits and underscores only")
    }
    if request.dialect == .athena, request.location?.hasPrefix("s3://") != true {
      throw ToolkitError.usage("--dialect athena needs --location s3://BUCKET/PREFIX (where the zone folders are copied)")
    }
    let base = (request.location ?? KeyAccess.canonical(request.workspace)).trimmingSuffix("/")
    var out = [
      "-- stedi-audit ddl (\(request.dialect.rawValue)): the trusted and curated tables of workspace run \(runID),",
      "-- policy \(policy.name) (sha256 \(policy.digest)); rows per table as its signed manifest lists them:",
    ]
    for output in summary.outputs where output.zone != .quarantine {
      out.append("--   \(output.table.rawValue): \(output.rows)")
    }
    switch request.dialect {
    case .athena: out.append("CREATE DATABASE IF NOT EXISTS `\(database)`;")
    case .spark: out.append("CREATE DATABASE IF NOT EXISTS \(database);")
    case .duckdb: break
    }
    for table in TableID.outputs {
      let columns = policy.columns(of: table)
      let folder = "\(base)/\(table.zone.rawValue)/\(table.rawValue)"
      // The format the published run wrote the table in (`run --format`).
      let parquet = summary.outputs.first { $0.table == table }.flatMap { OutputFormat(path: $0.path) } == .parquet
      out.append("")
      switch request.dialect {
      case .duckdb where parquet:
        out.append("CREATE OR REPLACE VIEW \(table.rawValue) AS SELECT * FROM read_parquet(\(sqlString(folder + "/*.parquet")));")
      case .spark where parquet:
        let list = columns.map { "  `\($0.rawValue)` \($0.sqlType.hive)" }.joined(separator: ",\n")
        out.append("CREATE TABLE IF NOT EXISTS \(database).\(table.rawValue) (\n\(list)\n) USING parquet")
        out.append("LOCATION \(sqlString(folder));")
      case .athena where parquet:
        // Parquet columns are matched by name, case-insensitively: the Glue Catalog's lower case.
        let list = columns.map { "  `\($0.rawValue.lowercased())` \($0.sqlType.hive)" }.joined(separator: ",\n")
        out.append("CREATE EXTERNAL TABLE IF NOT EXISTS `\(database)`.`\(table.rawValue)` (\n\(list)\n)")
        out.append("STORED AS PARQUET")
        out.append("LOCATION \(sqlString(folder + "/"))")
        out.append("TBLPROPERTIES ('classification' = 'parquet', 'parquet.compression' = 'SNAPPY', 'stedi-audit.policy-sha256' = '\(policy.digest)');")
      case .duckdb:
        let types = columns.map { "'\($0.rawValue)': '\($0.sqlType.duckdb)'" }.joined(separator: ", ")
        out.append("CREATE OR REPLACE VIEW \(table.rawValue) AS SELECT * FROM read_json(")
        out.append("  \(sqlString(folder + "/*.jsonl")), format = 'newline_delimited',")
        out.append("  columns = {\(types)});")
      case .spark:
        let list = columns.map { "  `\($0.rawValue)` \($0.sqlType.hive)" }.joined(separator: ",\n")
        out.append("CREATE TABLE IF NOT EXISTS \(database).\(table.rawValue) (\n\(list)\n) USING json")
        out.append("LOCATION \(sqlString(folder));")
      case .athena:
        let list = columns.map { "  `\($0.rawValue.lowercased())` \($0.sqlType.hive)" }.joined(separator: ",\n")
        out.append("CREATE EXTERNAL TABLE IF NOT EXISTS `\(database)`.`\(table.rawValue)` (\n\(list)\n)")
        out.append("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'")
        out.append("WITH SERDEPROPERTIES ('case.insensitive' = 'TRUE', 'ignore.malformed.json' = 'FALSE')")
        out.append("STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'")
        out.append("OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'")
        out.append("LOCATION \(sqlString(folder + "/"))")
        out.append("TBLPROPERTIES ('classification' = 'json', 'stedi-audit.policy-sha256' = '\(policy.digest)');")
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// A SQL string literal.
  static func sqlString(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

/// The SQL type of an output column.
struct SQLType {
  let duckdb: String
  let hive: String

  static let text = SQLType(duckdb: "VARCHAR", hive: "string")
  static let integer = SQLType(duckdb: "BIGINT", hive: "bigint")
  static let real = SQLType(duckdb: "DOUBLE", hive: "double")
}

extension OutputColumn {
  var sqlType: SQLType {
    switch valueType {
    case .text: .text
    case .integer: .integer
    case .real: .real
    }
  }
}

extension String {
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    var text = self
    while text.count > 1, text.hasSuffix(suffix) { text.removeLast(suffix.count) }
    return text
  }
}
