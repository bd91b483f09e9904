import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit demo`.
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate data with defects, run both profiles, and check them against the truth.",
      discussion: """
        Zero set-up: everything goes under --dir (default ./stedi-demo): the synthetic landing
        data and its ground truth, the workspace with the published zones, the audit log and
        the keys (DIR/keys, beside the workspace, not in it). Running it again reuses the data
        and adds runs.
        """
    )

    @Option(help: "The demo directory.")
    var dir = "stedi-demo"

    @Option(help: "The number of synthetic customers.")
    var customers = 2_000

    @Option(help: "The random seed of the synthetic data.")
    var seed: UInt64 = 7

    @OptionGroup var output: OutputOptions

    func validate() throws {
      guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
    }

    func run() throws {
      let console = Console(output: output)
      let request = DemoRequest(directory: URL(fileURLWithPath: dir), customers: customers, seed: seed)
      let outcome = try console.guarding {
        try Toolkit.demo(request, logger: console.logger, progress: console.progressHandler)
      }
      console.endProgress()
      let rows = ["customer", "accelerometer", "step_trainer"]
        .map { "\($0) \(outcome.landingRows["\($0)_landing"] ?? 0)" }.joined(separator: ", ")
      print("\(outcome.generated ? "generated" : "reused") synthetic landing data with defects: \(rows) rows")
      print("  \(request.landing.path)")
      var mismatches = 0
      for run in outcome.runs {
        print("")
        print(run.summary.renderText())
        let differences = outcome.truthDifferences[run.summary.policy] ?? []
        mismatches += differences.count
        if differences.isEmpty {
          print("ground truth: every count of \(run.summary.policy) equals what the generator planted")
        } else {
          print("ground truth: \(differences.count) differences")
          for line in differences { print("  \(line)") }
        }
      }
      let workspace = request.workspace.path
      print("")
      print(outcome.verification.renderText())
      print("")
      print("published (strict): \(workspace)/trusted, \(workspace)/curated, \(workspace)/quarantine")
      print("audit log:          \(workspace)/audit/audit.sqlite (see audit/README.md)")
      print("signed manifests:   \(workspace)/manifests/<run-id>.dsse.json (docs/manifests.md)")
      print("keys (mode 0600):   \(request.keys.path)/ (pseudonym.key, signing.key, signing.pub.pem)")
      print("public key:         \(workspace)/keys/signing.pub.pem (all of a key the workspace holds)")
      if let head = outcome.verification.auditHead { print("audit head:         \(head)") }
      print("compliance report:  \(outcome.reportHTML.path) (open in a browser)")
      print("                    \(outcome.reportMarkdown.path)")
      if mismatches > 0 || !outcome.verification.passed { throw ExitCode(ExitCodes.violation) }
    }
  }
}
