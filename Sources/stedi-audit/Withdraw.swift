import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit withdraw`.
  struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Withdraw a customer's consent: show the impact, then re-curate without them.",
      discussion: """
        Records the withdrawal in the audit log under the customer's pseudonym, then re-runs
        the published run's landing data with its policy: no trusted or curated table holds the
        customer's rows afterwards, and the new run has its own signed manifest. --dry-run only
        shows the impact. A writer: holds the workspace lock (exit 75 if another writer has it,
        or --wait). Exit codes: 0 ok; 64 usage;
        66 no workspace or key directory; 74 a path of the wrong kind; 75 busy; 78 no key.
        """
    )

    @Option(help: "The workspace directory.")
    var workspace: String

    @Option(help: "The customer's email.")
    var email: String

    @Option(help: "When the withdrawal took effect: epoch milliseconds or ISO 8601 (default: now).")
    var asOf: String?

    @Flag(help: "Show the impact only; change nothing.")
    var dryRun = false

    @OptionGroup var keyFolder: KeyFolderOptions

    @Option(help: ArgumentHelp("Wait up to SECONDS for another writer of the workspace (default: fail at once, exit 75).", valueName: "seconds"))
    var wait: Double?

    @OptionGroup var openLineage: OpenLineageFlags

    @OptionGroup var output: OutputOptions

    func validate() throws {
      if let asOf, Self.parseTime(asOf) == nil {
        throw ValidationError("--as-of: expected epoch milliseconds or an ISO 8601 date or time")
      }
    }

    static func parseTime(_ text: String) -> Int64? {
      if let value = Int64(text) { return value }
      let formatter = ISO8601DateFormatter()
      if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
      formatter.formatOptions = [.withFullDate]
      if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
      return nil
    }

    func run() throws {
      let console = Console(output: output)
      var request = WithdrawRequest(
        workspace: URL(fileURLWithPath: workspace), email: email, asOf: asOf.flatMap(Self.parseTime),
        dryRun: dryRun, keysDirectory: keyFolder.directory, allowInsecureKeys: keyFolder.allowInsecureKeys,
        environment: keyFolder.environment)
      request.lockWait = wait
      request.openLineage = openLineage.options
      let outcome = try console.guarding {
        try Toolkit.withdraw(request, logger: console.logger, checkpoint: CrashHook.fromEnvironment())
      }
      let tables = outcome.impact.publishedTables
      print("customer pseudonym: \(outcome.pseudonym)")
      print(tables.isEmpty
        ? "impact: the published tables hold no row of this customer"
        : "impact: the published tables hold this customer's rows: "
          + tables.map { "\($0.table) \($0.admitted)" }.joined(separator: ", "))
      guard let run = outcome.run, let after = outcome.after else {
        print("dry run: nothing changed")
        return
      }
      print(outcome.newlyRecorded ? "withdrawal recorded in the audit log" : "withdrawal was already recorded")
      if !output.quiet {
        print(run.summary.renderText())
      } else if let head = run.auditHead {
        print("audit head: \(head)")
      }
      let left = after.publishedTables
      print(left.isEmpty
        ? "done: no published table holds this customer's rows (run \(run.summary.runID), signed)"
        : "WARNING: rows remain in \(left.map(\.table).joined(separator: ", "))")
      if !left.isEmpty { throw ExitCode(ExitCodes.software) }
    }
  }
}
