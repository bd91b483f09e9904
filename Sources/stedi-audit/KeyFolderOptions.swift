import ArgumentParser
import Foundation

/// Where the secret keys are, for the commands that use them.
struct KeyFolderOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The key folder (default: $STEDI_AUDIT_KEYS, else $XDG_CONFIG_HOME/stedi-audit/keys, else ~/.config/stedi-audit/keys).",
      valueName: "dir"))
  var keys: String?

  @Flag(help: "Accept a key folder or key file that group or others can write.")
  var allowInsecureKeys = false

  var directory: URL? { keys.map { URL(fileURLWithPath: $0) } }
  var environment: [String: String] { ProcessInfo.processInfo.environment }
}
