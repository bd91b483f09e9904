import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit spark`.
  struct Spark: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Curate a landing directory with Spark, governed: the same policy, lineage, manifest and verify as run.",
      discussion: """
        Runs the PySpark job generated from the policy's decision plan (docs/spark.md): it \
        decides every landing row, writes the zone tables and its row lineage (Parquet, with \
        pseudonyms keyed by the workspace's key, passed to the job in its environment). The \
        tables and lineage are then imported into a run of WORKSPACE as 'run' records its own: \
        conservation and the policy re-checked on every row, a signed manifest, the audit \
        chain. Locally it needs Python with PySpark, pyarrow and pandas (scripts/setup-spark; \
        --python .venv-spark/bin/python) and a build with Parquet (scripts/setup-parquet, \
        STEDI_AUDIT_PARQUET=1). On a cluster: --spark-submit spark-submit --master URL \
        [--conf K=V ...]; the landing and scratch folders must then be paths the cluster reads.
        """
    )

    @OptionGroup var input: RunInputOptions

    @OptionGroup var keyFolder: KeyFolderOptions

    @Option(help: ArgumentHelp("The Python with PySpark for local mode (default python3).", valueName: "path"))
    var python = "python3"

    @Option(help: ArgumentHelp("Submit the job with this spark-submit instead of local PySpark.", valueName: "path"))
    var sparkSubmit: String?

    @Option(help: ArgumentHelp("The Spark master (default local[*]).", valueName: "url"))
    var master: String?

    @Option(help: ArgumentHelp("A Spark setting for spark-submit (repeatable).", valueName: "key=value"))
    var conf: [String] = []

    @Option(help: ArgumentHelp("Where the job writes before the import (default WORKSPACE/.spark).", valueName: "dir"))
    var scratch: String?

    @Flag(help: "Keep the job, its plan and its raw output in the scratch folder.")
    var keepJobOutput = false

    @Option(help: ArgumentHelp("Wait up to SECONDS for another writer of the workspace (default: fail at once, exit 75).", valueName: "seconds"))
    var wait: Double?

    @Flag(help: "Print the run summary as JSON on stdout.")
    var json = false

    @OptionGroup var openLineage: OpenLineageFlags

    @OptionGroup var output: OutputOptions

    func validate() throws {
      if let wait, !(wait >= 0) { throw ValidationError("--wait must be 0 or more seconds") }
      for pair in conf where !pair.contains("=") { throw ValidationError("--conf \(pair): expected KEY=VALUE") }
      if !conf.isEmpty, sparkSubmit == nil { throw ValidationError("--conf needs --spark-submit") }
    }

    func run() throws {
      let console = Console(output: output)
      var run = input.request(keyFolder: keyFolder)
      run.lockWait = wait
      run.openLineage = openLineage.options
      let request = SparkRequest(
        run: run, sparkSubmit: sparkSubmit, python: python, master: master, conf: conf,
        scratch: scratch.map { URL(fileURLWithPath: $0) }, keepJobOutput: keepJobOutput)
      let outcome = try console.guarding {
        try Toolkit.spark(request, logger: console.logger, progress: console.progressHandler)
      }
      try Run.report(outcome, console: console, json: json, failOnQuarantine: false)
    }
  }
}
