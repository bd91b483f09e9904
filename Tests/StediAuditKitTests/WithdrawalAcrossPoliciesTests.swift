import Foundation
import StediAuditKit
import StediAuditTestSupport
import Testing

/// A consent withdrawal holds under every later policy, whatever its email matching.
struct WithdrawalAcrossPoliciesTests {
  @Test func aCustomerWithdrawnUnderStrictStaysOutUnderTheRubric() throws {
    let directory = TemporaryDirectory()
    let landing = try #require(TinyFixtureTests.tiny)
    let workspace = directory.path("ws")
    let keys = directory.path("keys")
    let (logger, _) = TestLogging.make()
    _ = try Toolkit.run(RunRequest(landing: landing, workspace: workspace, keysDirectory: keys), logger: logger)
    // Gus registered as `Gus@Test.com`; he asks in lower case.
    _ = try Toolkit.withdraw(WithdrawRequest(workspace: workspace, email: "gus@test.com", keysDirectory: keys), logger: logger)
    // The rubric compares emails exactly: `Gus@Test.com` is still Gus, and still withdrawn.
    let rubric = try Toolkit.run(
      RunRequest(landing: landing, workspace: workspace, profile: "udacity-rubric", keysDirectory: keys), logger: logger
    ).summary
    let customers = try #require(rubric.tables.first { $0.table == "customer_trusted" })
    #expect(customers.excluded["withdrawn"] == 1)
    #expect(customers.admitted == 5)  // 6 under the rubric without the withdrawal
    let trusted = try String(contentsOf: workspace.appendingPathComponent("trusted/customer_trusted/part-00000.jsonl"), encoding: .utf8)
    #expect(!trusted.contains("Gus@Test.com"))
    let readings = try String(contentsOf: workspace.appendingPathComponent("trusted/step_trainer_trusted/part-00000.jsonl"), encoding: .utf8)
    #expect(!readings.contains("S-G"))
  }
}
