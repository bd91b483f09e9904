import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit diff`.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Dry run of a changed policy or new landing data against the published run: what would move, and whether consent would be broken.",
      discussion: """
        Runs the changed policy (--policy or --profile; default: the published run's) on the \
        landing data (--landing; default: the published run's) in a scratch folder that is \
        deleted afterwards, and compares every row with the workspace's published run: rows \
        moving into or out of each trusted and curated table, by reason; customers (by \
        pseudonym) gaining or losing rows in machine_learning_curated; and whether any row that \
        the current policy excludes for consent (no_consent, before_consent, withdrawn) would be \
        admitted. Publishes nothing and never writes the workspace.
        Exit codes: 0 no consent-excluded row would be admitted; 1 some would be (the change \
        must not ship); 64 usage; 66 missing input; 74 I/O error; 78 bad configuration.
        """
    )

    @Option(help: "A stedi-audit workspace with a published run.")
    var workspace: String

    @Option(help: "The changed policy file (YAML).")
    var policy: String?

    @Option(help: "A built-in profile to compare with: strict or udacity-rubric.")
    var profile: String?

    @Option(help: "New landing data (default: the published run's landing directory).")
    var landing: String?

    @Option(help: ArgumentHelp("Where the dry runs write (default: the system's temporary folder).", valueName: "dir"))
    var scratch: String?

    @OptionGroup var keyFolder: KeyFolderOptions

    @Flag(help: "Print the diff as JSON on stdout instead of Markdown.")
    var json = false

    @Option(help: "Also write the diff as Markdown to this file (e.g. a pull-request comment).")
    var markdown: String?

    @Option(help: "Also write the consent gate as JUnit XML to this file.")
    var junit: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
      if profile != nil && policy != nil { throw ValidationError("give --profile or --policy, not both") }
      if let profile, !Toolkit.profileNames.contains(profile) {
        throw ValidationError("unknown profile '\(profile)' (built in: \(Toolkit.profileNames.joined(separator: ", ")))")
      }
    }

    func run() throws {
      let console = Console(output: output)
      let url = { (path: String?) in path.map { URL(fileURLWithPath: $0) } }
      var request = DiffRequest(
        workspace: URL(fileURLWithPath: workspace), policyFile: url(policy), profile: profile, landing: url(landing),
        keysDirectory: keyFolder.directory, allowInsecureKeys: keyFolder.allowInsecureKeys,
        environment: keyFolder.environment)
      request.scratch = url(scratch)
      try console.requireWritable(junit, what: "JUnit report")
      try console.requireWritable(markdown, what: "Markdown diff")
      let report = try console.guarding {
        try Toolkit.diff(request, logger: console.logger, progress: console.progressHandler)
      }
      console.endProgress()
      let text = report.renderMarkdown()
      if let markdown { try console.write(Data(text.utf8), to: markdown, what: "Markdown diff") }
      if let junit { try console.write(Data(report.renderJUnit().utf8), to: junit, what: "JUnit report") }
      if json {
        print(try Console.json(report))
      } else if !output.quiet || report.admitsConsentExcludedRows {
        print(text, terminator: "")
      }
      if report.admitsConsentExcludedRows { throw ExitCode(ExitCodes.violation) }
    }
  }
}
