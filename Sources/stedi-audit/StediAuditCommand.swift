import ArgumentParser
import StediAuditKit

/// The `stedi-audit` command.
@main
struct StediAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stedi-audit",
    abstract: "Privacy-audited curation of STEDI sensor data: landing → trusted → curated.",
    discussion: """
      Every row is decided by a policy, written only through a guarded layer and
      recorded in a SQLite audit log under keyed pseudonyms.

      Exit codes:
        0   success
        1   violation found (check), verification failed (verify), consent-excluded rows admitted (diff)
        2   verification failed (check)
        64  usage error
        65  bad data (run --fail-on-quarantine)
        66  missing input
        70  internal error
        74  I/O error
        75  workspace busy: another writer holds the lock (retry, or --wait)
        78  bad configuration (policy or key file, key folder others can write)
      """,
    version: ToolInfo.version,
    subcommands: [Demo.self, Generate.self, Run.self, Spark.self, Verify.self, Check.self, Trace.self, Withdraw.self, Diff.self, DDL.self, Prune.self, Report.self, Keys.self, Policy.self]
  )
}
