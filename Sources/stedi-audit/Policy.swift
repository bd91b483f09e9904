import ArgumentParser
import Foundation
import StediAuditKit

extension StediAuditCommand {
  /// `stedi-audit policy`.
  struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show what a policy does.",
      subcommands: [Plan.self]
    )

    /// `stedi-audit policy plan`.
    struct Plan: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Print a policy's decision plan: per table, its guards in order and the reason each yields.",
        discussion: """
          The plan is what every engine carries out (docs/decision-plan.md). The text lists, for
          each table in the order they are made, the guards a row must pass and the definition
          of each reason (docs/semantics.md); --json prints the plan itself, with sorted keys.
          """)

      @Option(help: "A built-in policy profile: strict (default) or udacity-rubric.")
      var profile: String?

      @Option(help: "A policy file (YAML); overrides --profile.")
      var policy: String?

      @Flag(help: "Print the plan as JSON (docs/decision-plan.schema.json).")
      var json = false

      @OptionGroup var output: OutputOptions

      func validate() throws {
        if profile != nil && policy != nil {
          throw ValidationError("give --profile or --policy, not both")
        }
        if let profile, !Toolkit.profileNames.contains(profile) {
          throw ValidationError(
            "unknown profile '\(profile)' (built in: \(Toolkit.profileNames.joined(separator: ", ")))"
          )
        }
      }

      func run() throws {
        let console = Console(output: output)
        var request = PlanRequest(policyFile: policy.map { URL(fileURLWithPath: $0) })
        if let profile { request.profile = profile }
        let report = try console.guarding { try Toolkit.policyPlan(request) }
        print(json ? report.json : report.text, terminator: "")
      }
    }
  }
}
