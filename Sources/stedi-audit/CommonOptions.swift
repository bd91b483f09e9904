import ArgumentParser
import Foundation

/// Flags shared by the commands that log.
struct OutputOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Log progress details on stderr.")
  var verbose = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors (and the --json output, or the audit head of run and withdraw).")
  var quiet = false

  @Flag(help: "Show a progress line on stderr even when it is not a terminal.")
  var progress = false
}

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

/// Checks an `--expect-head` value: `sha256:` and 64 hex digits, or the hex alone.
func validateHead(_ head: String?) throws {
  guard let head else { return }
  var hex = head.lowercased()
  if hex.hasPrefix("sha256:") { hex.removeFirst("sha256:".count) }
  guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
    throw ValidationError("--expect-head: expected sha256: and 64 hex digits (the 'audit head:' line of run)")
  }
}
