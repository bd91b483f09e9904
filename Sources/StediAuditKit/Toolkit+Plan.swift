public import Foundation
public import StediPolicy

/// What `stedi-audit policy plan` asks for.
public struct PlanRequest: Sendable {
  /// A built-in profile; ignored when `policyFile` is set.
  public var profile: String
  public var policyFile: URL?

  public init(profile: String = Toolkit.defaultProfile, policyFile: URL? = nil) {
    self.profile = profile
    self.policyFile = policyFile
  }
}

/// A policy's decision plan, as a value and in its two renderings.
public struct PlanReport: Sendable {
  public var plan: DecisionPlan

  /// The plan as JSON: sorted keys, two-space indentation, no escaped slashes, a final newline.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain enums, strings and arrays can't fail.
    let data = (try? encoder.encode(plan)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The plan for people: what the policy does, table by table, in order.
  public var text: String { PlanText(plan: plan).render() }
}

extension Toolkit {
  /// `stedi-audit policy plan`: compiles a policy file or a built-in profile into its plan.
  ///
  /// - Throws: `PolicyError` (exit 78) for a bad policy file; `ToolkitError` if it is missing.
  public static func policyPlan(_ request: PlanRequest) throws -> PlanReport {
    PlanReport(
      plan: DecisionPlan(compiling: try policy(profile: request.profile, file: request.policyFile)))
  }
}
