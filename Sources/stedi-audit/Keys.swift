import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit keys`.
  struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create or show the signing and pseudonym keys.",
      subcommands: [Init.self, Show.self]
    )

    struct KeyOptions: ParsableArguments {
      @Option(
        name: [.customLong("keys"), .customLong("dir")],
        help: ArgumentHelp(
          "The key folder (default: $STEDI_AUDIT_KEYS, else $XDG_CONFIG_HOME/stedi-audit/keys, else ~/.config/stedi-audit/keys).",
          valueName: "dir"))
      var keys: String?

      @Option(help: "init: also put the public key into this workspace; show (without --keys): show the key this workspace holds.")
      var workspace: String?

      @Flag(help: "Accept a key folder or key file that group or others can write.")
      var allowInsecureKeys = false

      var request: KeysRequest {
        KeysRequest(
          directory: keys.map { URL(fileURLWithPath: $0) }, workspace: workspace.map { URL(fileURLWithPath: $0) },
          allowInsecureKeys: allowInsecureKeys, environment: ProcessInfo.processInfo.environment)
      }
    }

    static func render(_ info: KeysInfo) {
      for file in info.created { print("created \(file)") }
      print("key directory:     \(info.directory)")
      print("pseudonym key id:  \(info.pseudonymKeyId ?? "-")  (HMAC-SHA256; the secret never leaves the key file)")
      print("signing key id:    \(info.signingKeyId)  (Ed25519)")
      print("public key (give this to whoever verifies your manifests):")
      print(info.publicKeyPEM, terminator: info.publicKeyPEM.hasSuffix("\n") ? "" : "\n")
    }

    struct Init: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Create the Ed25519 signing key and the HMAC pseudonym key if absent (mode 0600).")

      @OptionGroup var keys: KeyOptions
      @OptionGroup var output: OutputOptions

      func run() throws {
        let console = Console(output: output)
        let info = try console.guarding { try Toolkit.keysInit(keys.request) }
        Keys.render(info)
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Print the key ids and the public key.")

      @OptionGroup var keys: KeyOptions
      @OptionGroup var output: OutputOptions

      func validate() throws {
        if keys.keys != nil && keys.workspace != nil {
          throw ValidationError("give --keys DIR (a key folder) or --workspace DIR (its public key), not both")
        }
      }

      func run() throws {
        let console = Console(output: output)
        let info = try console.guarding { try Toolkit.keysShow(keys.request) }
        Keys.render(info)
      }
    }
  }
}
