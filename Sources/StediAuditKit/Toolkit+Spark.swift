public import Foundation
public import Logging
public import StediCore
import StediKeys
import StediPolicy
import StediZones

/// What `stedi-audit spark` asks for: a run whose rows Spark decides.
public struct SparkRequest: Sendable {
  /// The run as `stedi-audit run` would make it (landing, workspace, policy, keys, lock).
  public var run: RunRequest
  /// `spark-submit` to submit the job with (`--spark-submit`); nil: local PySpark through
  /// `python`.
  public var sparkSubmit: String?
  /// The Python with PySpark, pyarrow and pandas for local mode (`--python`; default
  /// `python3`).
  public var python: String
  /// `--master` (spark-submit's, or the local session's; default `local[*]` locally).
  public var master: String?
  /// `--conf KEY=VALUE` pairs for spark-submit.
  public var conf: [String]
  /// Where the job writes its tables and lineage before they are imported (default
  /// `WORKSPACE/.spark/`); removed after the run unless `keepJobOutput`.
  public var scratch: URL?
  public var keepJobOutput: Bool

  public init(
    run: RunRequest, sparkSubmit: String? = nil, python: String = "python3", master: String? = nil,
    conf: [String] = [], scratch: URL? = nil, keepJobOutput: Bool = false
  ) {
    self.run = run
    self.sparkSubmit = sparkSubmit
    self.python = python
    self.master = master
    self.conf = conf
    self.scratch = scratch
    self.keepJobOutput = keepJobOutput
  }
}

extension Toolkit {
  /// `stedi-audit spark`: runs the PySpark job generated from the policy's decision plan
  /// (`spark/stedi_spark_job.py`, embedded in the binary), which decides every landing row
  /// and writes the zone tables and its row lineage (Parquet); then imports them into a run of
  /// the workspace exactly as `run` records its own: the audit log, conservation and policy
  /// re-checked on every row, a signed manifest, the `current` switch. `verify`, `check`,
  /// `report`, `trace` and `withdraw` then work as on a local run.
  ///
  /// - Throws: `ToolkitError.usage` in a build without Parquet (the lineage is Parquet) or for a
  ///   policy the job's vocabulary lacks; `ToolkitError.io` if Spark fails (its last error
  ///   line); everything `run` throws.
  public static func spark(
    _ request: SparkRequest, clock: WallClock = .system, logger: Logger,
    progress: (@Sendable (RunProgress) -> Void)? = nil
  ) throws -> RunOutcome {
    guard ParquetRows.isAvailable else {
      throw ToolkitError.usage("spark: the job's lineage is Parquet; \(ParquetRows.enableHint)")
    }
    let policy = try request.run.policyText.map { try PolicyLoader.compile(text: $0, file: "recorded policy") }
      ?? self.policy(profile: request.run.profile, file: request.run.policyFile)
    let scratch = request.scratch ?? request.run.workspace.appendingPathComponent(".spark")
    let jobDirectory = scratch.appendingPathComponent("job")
    let output = scratch.appendingPathComponent("out")
    try? FileManager.default.removeItem(at: output)
    do {
      try FileManager.default.createDirectory(at: jobDirectory, withIntermediateDirectories: true)
      for (name, text) in sparkJobFiles {
        try Data(text.utf8).write(to: jobDirectory.appendingPathComponent(name))
      }
      try Data(PlanReport(plan: DecisionPlan(compiling: policy)).json.utf8)
        .write(to: jobDirectory.appendingPathComponent("plan.json"))
    } catch {
      throw ToolkitError.io("\(scratch.path): cannot write the Spark job: \(Toolkit.writeFailureReason(scratch.path, error))")
    }
    defer { if !request.keepJobOutput { try? FileManager.default.removeItem(at: scratch) } }
    var run = request.run
    run.command = "spark"
    let job = SparkJobLauncher(request: request, jobDirectory: jobDirectory, output: output, logger: logger)
    return try self.run(run, clock: clock, logger: logger, progress: progress, checkpoint: nil, lock: nil) { key in
      SparkImport(output: output) { withdrawn in try job.launch(key: key, withdrawn: withdrawn) }
    }
  }
}

/// Starts the Spark job and waits for it: spark-submit, or local PySpark through Python.
struct SparkJobLauncher: Sendable {
  let request: SparkRequest
  let jobDirectory: URL
  let output: URL
  let logger: Logger

  func launch(key: PseudonymKey, withdrawn: URL) throws {
    let script = jobDirectory.appendingPathComponent("stedi_spark_job.py").path
    var arguments = [
      script, "--landing", request.run.landing.path, "--out", output.path,
      "--plan", jobDirectory.appendingPathComponent("plan.json").path, "--withdrawn", withdrawn.path, "--lineage",
    ]
    let process = Process()
    if let submit = request.sparkSubmit {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      var submitArguments = [submit]
      if let master = request.master { submitArguments += ["--master", master] }
      for pair in request.conf { submitArguments += ["--conf", pair] }
      process.arguments = submitArguments + arguments
    } else {
      if let master = request.master { arguments += ["--master", master] }
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [request.python] + arguments
    }
    // The key goes to the job as a secret of its environment, never on a command line.
    var environment = ProcessInfo.processInfo.environment
    environment["STEDI_AUDIT_PSEUDONYM_KEY"] = Hex.encode(key.secret)
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    logger.info("starting the Spark job", metadata: ["submit": "\(request.sparkSubmit ?? request.python)"])
    do {
      try process.run()
    } catch {
      throw ToolkitError.io("spark: cannot start \(request.sparkSubmit ?? request.python): \(error.localizedDescription)")
    }
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").map(String.init)
      let last = lines.last { $0.contains("Error") || $0.contains("stedi-audit spark job") } ?? lines.last ?? "no output"
      if process.terminationStatus == 3 { throw ToolkitError.usage(last) }
      throw ToolkitError.io("spark: the job failed (exit \(process.terminationStatus)): \(last)")
    }
  }
}

extension Toolkit {
  /// The Spark job the binary carries (`spark/*.py`): file name to text.
  public static var sparkJobFiles: [String: String] { SparkJobSource.files.mapValues { $0 + "\n" } }
}
