import ArgumentParser
import Foundation
import StediAuditKit
import StediCore

extension StediAuditCommand {
  /// `stedi-audit run`.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Curate a landing directory into a workspace under a policy, with full lineage.",
      discussion: """
        LANDING holds customer/, accelerometer/ and step_trainer/ (each with JSON-lines files, \
        directly or under landing/). Outputs are published atomically under WORKSPACE/trusted, \
        WORKSPACE/curated and WORKSPACE/quarantine; the audit log is WORKSPACE/audit/audit.sqlite. \
        The pseudonym and signing keys are created on the first run in the key folder \
        (--keys, default ~/.config/stedi-audit/keys), outside the workspace, which gets only \
        the public key (WORKSPACE/keys/signing.pub.pem). The last line is the audit chain's \
        head: keep it outside the workspace and pass it to 'verify --expect-head'.
        """
    )

    @OptionGroup var input: RunInputOptions

    @OptionGroup var keyFolder: KeyFolderOptions

    @Option(help: ArgumentHelp(
      "The trusted and curated tables' file format: jsonl or parquet (a build with Parquet: README, \"Parquet\"); default: the policy's output.format, else jsonl. Quarantine stays JSON lines.",
      valueName: "format"))
    var format: String?

    @Option(help: "Earlier run directories to keep besides the published one.")
    var keepRuns = 1

    @Option(help: ArgumentHelp("Wait up to SECONDS for another writer of the workspace (default: fail at once, exit 75).", valueName: "seconds"))
    var wait: Double?

    @Flag(help: "Print the run summary as JSON on stdout.")
    var json = false

    @Flag(help: "Exit 65 if any row was quarantined.")
    var failOnQuarantine = false

    @OptionGroup var openLineage: OpenLineageFlags

    @OptionGroup var output: OutputOptions

    func validate() throws {
      if let format, OutputFormat(rawValue: format) == nil {
        throw ValidationError("unknown format '\(format)' (\(Toolkit.outputFormatNames.joined(separator: ", ")))")
      }
      guard keepRuns >= 0 else { throw ValidationError("--keep-runs must be 0 or more") }
      if let wait, !(wait >= 0) { throw ValidationError("--wait must be 0 or more seconds") }
    }

    func run() throws {
      let console = Console(output: output)
      var request = input.request(keyFolder: keyFolder, keepRuns: keepRuns)
      request.lockWait = wait
      request.format = format.flatMap(OutputFormat.init(rawValue:))
      request.faults = CrashHook.faultsFromEnvironment()
      request.openLineage = openLineage.options
      let outcome = try console.guarding {
        try Toolkit.run(
          request, logger: console.logger, progress: console.progressHandler,
          checkpoint: CrashHook.fromEnvironment())
      }
      try Self.report(outcome, console: console, json: json, failOnQuarantine: failOnQuarantine)
    }

    /// Prints a run's outcome (notes of new keys, the summary or its JSON, or the head alone
    /// with --quiet); exits 65 for quarantined rows when asked to.
    static func report(_ outcome: RunOutcome, console: Console, json: Bool, failOnQuarantine: Bool) throws {
      console.endProgress()
      if let key = outcome.createdKeyFile {
        console.note("created pseudonym key \(key.path) (mode 0600; keep it private and backed up)")
      }
      if let key = outcome.createdSigningKeyFile {
        console.note("created signing key \(key.path) (mode 0600) and its public key next to it")
      }
      if json {
        print(try outcome.summary.renderJSON())
      } else if !console.output.quiet {
        print(outcome.summary.renderText())
      } else if let head = outcome.auditHead {
        print("audit head: \(head)")
      }
      if failOnQuarantine, outcome.summary.tables.contains(where: { $0.quarantinedTotal > 0 }) {
        console.error("rows were quarantined (see WORKSPACE/quarantine) and --fail-on-quarantine is set")
        throw ExitCode(ExitCodes.badData)
      }
    }
  }
}
