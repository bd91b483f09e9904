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
      @Option(help: "The key directory (default: WORKSPACE/keys with --workspace, else ./keys).")
      var dir: String?

      @Option(help: "A workspace whose key directory to use.")
      var workspace: String?

      func validate() throws {
        if dir != nil && workspace != nil {
          throw ValidationError("give --dir or --workspace, not both")
        }
      }

      var directory: URL {
        if let dir { return URL(fileURLWithPath: dir) }
        if let workspace { return URL(fileURLWithPath: workspace).appendingPathComponent("keys") }
        return URL(fileURLWithPath: "keys")
      }
    }

    static func render(_ info: KeysInfo) {
      for file in info.created { print("created \(file)") }
      print("key directory:     \(info.directory)")
      print("pseudonym key id:  \(info.pseudonymKeyId)  (HMAC-SHA256; the secret never leaves the key file)")
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
        let info = try console.guarding { try Toolkit.keysInit(directory: keys.directory) }
        Keys.render(info)
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Print the key ids and the public key.")

      @OptionGroup var keys: KeyOptions
      @OptionGroup var output: OutputOptions

      func run() throws {
        let console = Console(output: output)
        let info = try console.guarding { try Toolkit.keysShow(directory: keys.directory) }
        Keys.render(info)
      }
    }
  }
}
