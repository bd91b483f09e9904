import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit report`.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the compliance report of a run: Markdown, self-contained HTML or JSON.",
      discussion: """
        The report a privacy officer hands to an auditor: the run, its policy and digest, the \
        inputs, the zone funnel with excluded and quarantined rows by reason, consent coverage, \
        privacy hazards, the verification of manifests, signatures and audit chain, and the \
        changes since the previous run. Customers appear only as counts or pseudonyms.

        md is GitHub-flavoured Markdown (for pull requests); html is one self-contained file with \
        inline SVG charts and no external reference (for people, on screen or printed); json \
        follows docs/report.schema.json (for machines). See docs/reports.md.

        Exit 0: written and verified; 1: written, but verification failed; 66: no workspace or \
        no such run; 74: the output can't be written; 78: unreadable public key, or one that \
        others can write.
        """
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
      case md, html, json
    }

    @Option(help: "The workspace directory.")
    var workspace: String

    @Option(
      name: .customLong("run"),
      help: ArgumentHelp("The run id (default: the published run).", valueName: "run-id"))
    var runID: String?

    @Option(help: "The output format: md, html or json.")
    var format: Format = .md

    @Option(help: ArgumentHelp("The output file (default: stdout).", valueName: "file"))
    var output: String?

    @Option(
      help: ArgumentHelp(
        "The PEM public key to trust (default: the workspace's keys/signing.pub.pem, not pinned).",
        valueName: "pem-file"))
    var publicKey: String?

    @Option(help: ArgumentHelp("Fail verification unless the audit chain contains this head.", valueName: "digest"))
    var expectHead: String?

    @Flag(help: "Accept a public key file or folder that group or others can write.")
    var allowInsecureKeys = false

    @Option(
      help: ArgumentHelp(
        "Where reason codes link to: the address of docs/semantics.md (default: docs/semantics.md, relative).",
        valueName: "url"))
    var docsUrl: String?

    @OptionGroup var options: OutputOptions

    func validate() throws { try ExpectHead.validate(expectHead) }

    func run() throws {
      let console = Console(output: options)
      var request = ReportRequest(
        workspace: URL(fileURLWithPath: workspace), runID: runID,
        publicKey: publicKey.map { URL(fileURLWithPath: $0) }, expectHead: expectHead,
        allowInsecureKeys: allowInsecureKeys)
      if let docsUrl { request.reasonDefinitions = docsUrl }
      try console.requireWritable(output, what: "report")
      let report = try console.guarding { try Toolkit.report(request) }
      let text = try console.guarding { try render(report) }
      if let output {
        try console.write(Data(text.utf8), to: output, what: "report")
        console.note("wrote the \(format.rawValue) report of run \(report.run.runId) to \(output)")
      } else {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
      }
      for warning in report.verification.warnings { console.warning(warning) }
      if !report.verification.passed {
        let failed = report.verification.checks.filter { !$0.passed }.map(\.name)
        console.error(
          "the report was written, but verification FAILED (\(failed.joined(separator: "; "))): "
            + "see its Verification section")
        throw ExitCode(ExitCodes.violation)
      }
    }

    private func render(_ report: ComplianceReport) throws -> String {
      switch format {
      case .md:
        return report.renderMarkdown()
      case .html:
        return report.renderHTML()
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
      }
    }
  }
}
