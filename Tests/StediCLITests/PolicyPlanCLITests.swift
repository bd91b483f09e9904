import Foundation
import StediAuditTestSupport
import Testing

@testable import stedi_audit

/// `stedi-audit policy plan`: text, JSON and its errors, through the real binary.
struct PolicyPlanCLITests {
  @Test func printsThePlanOfAFileAsJSON() throws {
    let file = CLITests.repository.appendingPathComponent("policies/strict.yaml").path
    let result = try CLITests.launch(["policy", "plan", "--policy", file, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let plan = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((plan["policy"] as? [String: Any])?["name"] as? String == "strict")
    let tables = (plan["tables"] as? [[String: Any]])?.compactMap { $0["table"] as? String }
    #expect(
      tables == [
        "customer_trusted", "accelerometer_trusted", "step_trainer_trusted", "customer_curated",
        "machine_learning_curated",
      ])
    #expect(result.stderr.isEmpty)
  }

  @Test func printsTheTextOfAProfile() throws {
    let result = try CLITests.launch(["policy", "plan", "--profile", "udacity-rubric"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("policy udacity-rubric "))
    #expect(
      result.stdout.contains(
        "serial_not_curated: a customer_curated row carries the reading's serial number"))
  }

  @Test func badArgumentsAreUsageErrorsAndABadFileOneLine() throws {
    #expect(try CLITests.launch(["policy", "plan", "--profile", "nope"]).status == 64)
    #expect(
      try CLITests.launch(["policy", "plan", "--profile", "strict", "--policy", "x.yaml"]).status
        == 64)
    let directory = TemporaryDirectory()
    let file = directory.path("bad.yaml")
    try Data("policy: bad\nversion: 7\n".utf8).write(to: file)
    let bad = try CLITests.launch(["policy", "plan", "--policy", file.path])
    #expect(bad.status == 78)
    #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    #expect(bad.stderr.contains("version"))
  }
}
