import Foundation
import StediAuditKit
import StediAuditTestSupport
import StediCore
import StediPolicy
import Testing

/// `stedi-audit policy plan`: the reason definitions are docs/semantics.md's, word for word; the
/// JSON follows docs/decision-plan.schema.json (checked with Python's `jsonschema`, installed by
/// the test if missing); the text lists every guard in the plan's order.
struct PlanTests {
  static let semantics = ManifestSchemaTests.repository.appendingPathComponent("docs/semantics.md")

  @Test(arguments: ReasonCode.allCases)
  func eachDefinitionIsTheSemanticsTablesRow(_ reason: ReasonCode) throws {
    let text = try String(contentsOf: Self.semantics, encoding: .utf8)
    let row = "| <a id=\"\(reason.rawValue)\"></a>`\(reason.rawValue)` | \(reason.decision.rawValue) | \(reason.definition) |"
    #expect(text.split(separator: "\n").contains { $0 == row }, "\(row)")
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func theJSONFollowsTheDocumentedSchema(_ profile: String) throws {
    if try ManifestSchemaTests.python(["-c", "import jsonschema"]).0 != 0 {
      _ = try ManifestSchemaTests.python(["-m", "pip", "install", "--quiet", "jsonschema"])
    }
    let directory = TemporaryDirectory()
    let file = directory.path("plan.json")
    let report = try Toolkit.policyPlan(PlanRequest(profile: profile))
    try Data(report.json.utf8).write(to: file)
    let script = """
      import json, sys, jsonschema
      plan = json.load(open(sys.argv[1]))
      jsonschema.validate(plan, json.load(open(sys.argv[2])))
      print("valid", plan["policy"]["name"], len(plan["tables"]))
      """
    let schema = ManifestSchemaTests.repository.appendingPathComponent(
      "docs/decision-plan.schema.json")
    let (status, output) = try ManifestSchemaTests.python(["-c", script, file.path, schema.path])
    #expect(status == 0, "\(output)")
    #expect(output.hasPrefix("valid \(profile) 5"))
    // Sorted keys: the same bytes every time.
    #expect(report.json == (try Toolkit.policyPlan(PlanRequest(profile: profile))).json)
    #expect(
      try JSONDecoder().decode(DecisionPlan.self, from: Data(report.json.utf8)) == report.plan)
  }

  @Test(arguments: ["strict", "udacity-rubric"])
  func theTextListsEveryGuardInOrder(_ profile: String) throws {
    let report = try Toolkit.policyPlan(PlanRequest(profile: profile))
    let text = report.text
    var cursor = text.startIndex
    for table in report.plan.tables {
      for needle in ["\(table.table.rawValue) (from"]
        + table.guards.flatMap({
          [
            "\($0.check.rawValue): \($0.check.summary)",
            "else \($0.reason.rawValue) (\($0.decision.rawValue)): \($0.reason.definition)",
          ]
        })
      {
        let found = try #require(text.range(of: needle, range: cursor..<text.endIndex), "\(needle)")
        cursor = found.upperBound
      }
    }
    #expect(text.hasPrefix("policy \(profile) "))
    #expect(text.contains("hazard cross_customer_join") == (profile == "udacity-rubric"))
  }

  @Test func aPolicyFileIsReadAndABadOneNamed() throws {
    let directory = TemporaryDirectory()
    let file = directory.path("own.yaml")
    try Data(
      try PolicyLoader.builtinText("strict").replacingOccurrences(
        of: "policy: strict", with: "policy: own"
      ).utf8
    ).write(to: file)
    let report = try Toolkit.policyPlan(PlanRequest(policyFile: file))
    #expect(report.plan.policy.name == "own")
    try Data("policy: own\nversion: 2\n".utf8).write(to: file)
    #expect(throws: PolicyError.self) { try Toolkit.policyPlan(PlanRequest(policyFile: file)) }
  }
}
