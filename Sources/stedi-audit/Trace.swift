import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit trace`.
  struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Where is one customer's data? Every run, table and decision, by pseudonym.",
      discussion: """
        The email is turned into its keyed pseudonym with the pseudonym key of the key folder
        (--keys, default ~/.config/stedi-audit/keys) and is neither stored nor printed. Exit
        codes: 0 ok; 64 usage; 66 no workspace or key folder; 74 a path of the wrong kind; 78 no
        key.
        """
    )

    @Option(help: "The workspace directory.")
    var workspace: String

    @Option(help: "The customer's email.")
    var email: String?

    @Option(help: "The customer's pseudonym (customerId, 32 hex digits).")
    var customerId: String?

    @OptionGroup var keyFolder: KeyFolderOptions

    @Flag(help: "Also list every movement of the customer's rows: source file and line, table, reason, destination file and line.")
    var rows = false

    @Flag(help: "Print the trace as JSON on stdout.")
    var json = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
      guard (email == nil) != (customerId == nil) else { throw ValidationError("give --email or --customer-id") }
      if let customerId, customerId.count != 32 || !customerId.allSatisfy(\.isHexDigit) {
        throw ValidationError("--customer-id: expected a pseudonym of 32 hex digits")
      }
    }

    func run() throws {
      let console = Console(output: output)
      let request = TraceRequest(
        workspace: URL(fileURLWithPath: workspace), email: email, customerId: customerId,
        keysDirectory: keyFolder.directory, allowInsecureKeys: keyFolder.allowInsecureKeys,
        environment: keyFolder.environment, rows: rows)
      let report = try console.guarding { try Toolkit.trace(request) }
      if json {
        print(try Console.json(report))
      } else {
        print(report.renderText())
      }
    }
  }
}
