import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit prune`.
  struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Drop old runs' files and audit movements; the hash chains keep their digests.",
      discussion: """
        Keeps --keep runs: the published one and the newest others. Every older run loses its
        directory under WORKSPACE/runs and its movements in the audit log; its run row, counts,
        signed manifest and events stay, and a run_pruned event records its signed Merkle root,
        so verify still passes. A run directory a reader (verify, report, check, trace) is
        reading is kept until a later prune. A writer: holds the workspace lock.
        Exit codes: 0 ok; 64 usage; 66 no workspace; 74 I/O error; 75 busy.
        """
    )

    @Option(help: "The workspace directory.")
    var workspace: String

    @Option(help: "Runs to keep, the published one included (at least 1).")
    var keep: Int

    @Option(
      help: ArgumentHelp(
        "Wait up to SECONDS for another writer of the workspace (default: fail at once, exit 75).",
        valueName: "seconds"))
    var wait: Double?

    @Flag(help: "Print what was dropped as JSON on stdout.")
    var json = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
      guard keep >= 1 else { throw ValidationError("--keep must be 1 or more") }
      if let wait, !(wait >= 0) { throw ValidationError("--wait must be 0 or more seconds") }
    }

    func run() throws {
      let console = Console(output: output)
      let request = PruneRequest(
        workspace: URL(fileURLWithPath: workspace), keep: keep, lockWait: wait)
      let outcome = try console.guarding {
        try Toolkit.prune(request, checkpoint: CrashHook.fromEnvironment())
      }
      if json {
        print(try Console.json(outcome))
      } else if !output.quiet {
        print(
          "pruned \(outcome.prunedRuns.count) runs (\(outcome.droppedMovements) movements dropped), removed \(outcome.removedDirectories.count) run directories"
        )
        if !outcome.heldByReaders.isEmpty {
          print(
            "kept for readers: \(outcome.heldByReaders.joined(separator: ", ")) (prune again later)"
          )
        }
      }
    }
  }
}
