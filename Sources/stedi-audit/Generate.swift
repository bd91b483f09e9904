import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit generate`.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate synthetic STEDI landing data, deterministically, with its ground truth.",
      discussion: """
        Writes OUT/customer/landing, OUT/accelerometer/landing, OUT/step_trainer/landing and
        OUT/ground-truth.json (the expected counts of both profiles). About 85 accelerometer
        and 30 step-trainer readings per customer: --customers 11800 gives about 1 M
        accelerometer rows.
        """
    )

    @Option(help: "The output directory (must not hold landing files yet).")
    var out: String

    @Option(help: "The number of customers.")
    var customers = 1_000

    @Option(help: "Mean accelerometer readings per customer.")
    var readingsPerCustomer = 85

    @Option(help: "The random seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Flag(help: "Plant defects: malformed lines, wrong types, duplicates, shared serials, ...")
    var defects = false

    @Option(help: "The maximum number of rows per landing file.")
    var rowsPerFile = 100_000

    @Option(
      help: ArgumentHelp(
        "How to spell the same records: export (as the public export), drift (nulls, float times, numeric phones, as Spark writes them) or drift-lowercase-keys.",
        valueName: "form"))
    var form = "export"

    @OptionGroup var output: OutputOptions

    func validate() throws {
      guard customers >= 1 else { throw ValidationError("--customers must be at least 1") }
      guard readingsPerCustomer >= 0 else { throw ValidationError("--readings-per-customer must be 0 or more") }
      guard rowsPerFile >= 1 else { throw ValidationError("--rows-per-file must be at least 1") }
      guard GenerateRequest.landingForms.contains(form) else {
        throw ValidationError("--form must be one of \(GenerateRequest.landingForms.joined(separator: ", "))")
      }
    }

    func run() throws {
      let console = Console(output: output)
      let outcome = try console.guarding {
        let request = try GenerateRequest(
          output: URL(fileURLWithPath: out), customers: customers,
          readingsPerCustomer: readingsPerCustomer, seed: seed, defects: defects, rowsPerFile: rowsPerFile,
          form: form)
        return try Toolkit.generate(request, progress: console.fractionHandler(label: "generate"))
      }
      console.endProgress()
      guard !output.quiet else { return }
      let rows = ["customer", "accelerometer", "step_trainer"]
        .map { "\($0) \(outcome.rows["\($0)_landing"] ?? 0)" }.joined(separator: ", ")
      print("wrote \(rows) rows (\(String(format: "%.1f", Double(outcome.bytes) / 1_048_576)) MiB) to \(out)")
      print("ground truth: \(outcome.groundTruthFile.path)")
    }
  }
}
