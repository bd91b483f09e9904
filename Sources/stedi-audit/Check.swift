import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit check`.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "CI gate: fail if a trusted or curated row lacks consent, predates it, or lacks lineage.",
      discussion: """
        With --workspace: verifies the workspace and re-checks every published trusted and
        curated row against its run's policy and the landing data. With --landing and
        --curated: checks the <table>/*.json files another tool (e.g. a Spark job) wrote against
        the policy (--profile/--policy, default strict) and the landing data. Each violation is
        one line: table, file:line, reason, pseudonym.
        Exit codes: 0 passed; 1 policy violation; 2 verification failed; 64 usage;
        66 missing input; 74 a path of the wrong kind or an unwritable --junit file;
        78 bad configuration.
        """
    )

    @Option(help: "A stedi-audit workspace.")
    var workspace: String?

    @Option(help: "Landing data (external mode, or to override the workspace's).")
    var landing: String?

    @Option(help: "Another tool's output: a directory of <table>/ JSON-lines directories.")
    var curated: String?

    @Option(help: "Policy profile for external mode: strict (default) or udacity-rubric.")
    var profile: String?

    @Option(help: "Policy file for external mode.")
    var policy: String?

    @OptionGroup var keyFolder: KeyFolderOptions

    @Option(help: "The PEM public key to trust for verification (default: the workspace's own, with a warning).")
    var publicKey: String?

    @Option(help: ArgumentHelp("Fail unless the audit chain contains this head (from 'run').", valueName: "digest"))
    var expectHead: String?

    @Option(help: "Also write the result as JUnit XML to this file.")
    var junit: String?

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
      if workspace == nil && (landing == nil || curated == nil) {
        throw ValidationError("give --workspace DIR, or --landing DIR and --curated DIR")
      }
      if workspace != nil && curated != nil { throw ValidationError("--curated is for external mode, without --workspace") }
      if profile != nil && policy != nil { throw ValidationError("give --profile or --policy, not both") }
      if workspace == nil && expectHead != nil { throw ValidationError("--expect-head needs --workspace") }
      try ExpectHead.validate(expectHead)
      if let profile, !Toolkit.profileNames.contains(profile) {
        throw ValidationError("unknown profile '\(profile)' (built in: \(Toolkit.profileNames.joined(separator: ", ")))")
      }
    }

    func run() throws {
      let console = Console(output: output)
      let url = { (path: String?) in path.map { URL(fileURLWithPath: $0) } }
      let request = CheckRequest(
        workspace: url(workspace), landing: url(landing), curated: url(curated), profile: profile ?? Toolkit.defaultProfile,
        policyFile: url(policy), keysDirectory: keyFolder.directory, publicKey: url(publicKey),
        expectHead: expectHead, allowInsecureKeys: keyFolder.allowInsecureKeys, environment: keyFolder.environment)
      try console.requireWritable(junit, what: "JUnit report")
      let report = try console.guarding { try Toolkit.check(request) }
      for warning in report.verification?.warnings ?? [] { console.warning(warning) }
      if let junit {
        try console.write(Data(report.renderJUnit().utf8), to: junit, what: "JUnit report")
      }
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
      } else if !output.quiet || report.outcome != .passed {
        print(report.renderText())
      }
      switch report.outcome {
      case .passed: return
      case .violation: throw ExitCode(ExitCodes.violation)
      case .verificationFailed: throw ExitCode(ExitCodes.verificationFailed)
      }
    }
  }
}
