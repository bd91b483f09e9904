import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit verify`.
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prove that the published data is exactly what signed, audited runs produced.",
      discussion: """
        Checks every manifest's DSSE signature, the manifest chain, the audit event chain, each \
        run's Merkle root recomputed from the audit log, conservation, the published files \
        against the signed digests (and that no file was added), and that every curated row \
        traces to admitted parents of consented customers. The audit chain is the authority on \
        what was published: 'current' must be its latest published run, and every manifest the \
        one its manifest_signed event names. Pin the producer's key with --public-key (without \
        it, the workspace's own key is trusted, with a warning) and the head 'run' printed with \
        --expect-head. Only the published run's audit records are recomputed; older runs are \
        checked by their signed manifests, the count of their movements and the hash chains, so \
        the time does not grow with the history (--all recomputes every run). Opens the \
        workspace read-only and takes no lock: it works on a read-only copy and beside a running \
        writer. Exit 0: verified; 1: a check failed; 64: usage; 66: no workspace or \
        public key; 74: a path of the wrong kind; 78: an invalid public key, or one that others \
        can write.
        """
    )

    @Option(help: "The workspace directory.")
    var workspace: String

    @Option(help: "The PEM public key to trust (default: the workspace's keys/signing.pub.pem, with a warning).")
    var publicKey: String?

    @Option(help: ArgumentHelp("Fail unless the audit chain contains this head ('audit head:' of run).", valueName: "digest"))
    var expectHead: String?

    @Flag(help: "Accept a public key file or folder that group or others can write.")
    var allowInsecureKeys = false

    @Flag(help: "Recompute every published run's audit records, not only the published run's.")
    var all = false

    @Flag(help: "Print the report as JSON on stdout.")
    var json = false

    @OptionGroup var output: OutputOptions

    func validate() throws { try ExpectHead.validate(expectHead) }

    func run() throws {
      let console = Console(output: output)
      let request = VerifyRequest(
        workspace: URL(fileURLWithPath: workspace), publicKey: publicKey.map { URL(fileURLWithPath: $0) },
        expectHead: expectHead, allowInsecureKeys: allowInsecureKeys, all: all)
      let report = try console.guarding { try Toolkit.verify(request) }
      if json {
        for warning in report.warnings { console.warning(warning) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
      } else if !output.quiet || !report.passed {
        print(report.renderText())
      }
      if !report.passed {
        let failed = report.checks.filter { !$0.passed }.map(\.name)
        console.error("verification FAILED: \(failed.joined(separator: "; "))")
        throw ExitCode(ExitCodes.violation)
      }
    }
  }
}
