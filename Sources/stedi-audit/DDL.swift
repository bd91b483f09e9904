import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit ddl`.
  struct DDL: ParsableCommand {
    enum Dialect: String, ExpressibleByArgument, CaseIterable {
      case athena, spark, duckdb
    }

    static let configuration = CommandConfiguration(
      commandName: "ddl",
      abstract: "Write the DDL that makes the published trusted and curated tables queryable by Athena, Spark SQL or DuckDB.",
      discussion: """
        One table (DuckDB: one view) per trusted and curated table, with the columns the \
        published run's policy writes, over the workspace's zone folders (trusted/<table>/, \
        curated/<table>/), which always show the published run. --location is where an engine \
        finds those folders (s3://BUCKET/PREFIX for Athena, required there; default: the \
        workspace's path). Exit codes: 0 written; 64 usage; 66 nothing published; 74 I/O error.
        """
    )

    @Option(help: "A stedi-audit workspace with a published run.")
    var workspace: String

    @Option(help: "athena, spark or duckdb.")
    var dialect: Dialect

    @Option(help: ArgumentHelp("Where the engine reads the zone folders (default: the workspace's path).", valueName: "uri"))
    var location: String?

    @Option(help: "The database to create the tables in (Athena, Spark; default stedi).")
    var database: String?

    @Option(help: ArgumentHelp("The output file (default: stdout).", valueName: "file"))
    var output: String?

    @OptionGroup var options: OutputOptions

    func run() throws {
      let console = Console(output: options)
      let request = DDLRequest(
        workspace: URL(fileURLWithPath: workspace), dialect: DDLRequest.Dialect(rawValue: dialect.rawValue) ?? .duckdb, location: location, database: database)
      try console.requireWritable(output, what: "DDL")
      let text = try console.guarding { try Toolkit.ddl(request) }
      if let output {
        try console.write(Data(text.utf8), to: output, what: "DDL")
      } else {
        print(text, terminator: "")
      }
    }
  }
}
