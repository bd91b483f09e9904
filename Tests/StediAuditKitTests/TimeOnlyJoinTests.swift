import Foundation
import StediAuditKit
import StediAuditLog
import StediAuditTestSupport
import Testing

/// A policy of one's own that joins by time only but does not require curated customers for
/// step-trainer readings: curation must still come before the join (the decision plan puts the
/// join after customer_curated), or every pair would count as cross-customer.
struct TimeOnlyJoinTests {
  @Test func onlyPairsOfTwoCustomersAreCrossCustomer() throws {
    let directory = TemporaryDirectory()
    let strict = try String(contentsOf: DDLTests.packageRoot.appendingPathComponent("policies/strict.yaml"), encoding: .utf8)
    let custom = strict.replacingOccurrences(of: "machine_learning: customer_and_time", with: "machine_learning: time_only")
      .replacingOccurrences(of: "policy: strict", with: "policy: strict-time-only")
    #expect(custom != strict)
    let file = directory.path("time-only.yaml")
    try custom.write(to: file, atomically: true, encoding: .utf8)
    let (logger, _) = TestLogging.make()
    let summary = try Toolkit.run(
      RunRequest(
        landing: try #require(TinyFixtureTests.tiny), workspace: directory.path("ws"), policyFile: file,
        keysDirectory: directory.path("keys")),
      logger: logger
    ).summary
    // Trusted under strict identity: steps S-A 1000 (Ana) and S-G 1100 (Gus); readings Ana 1000
    // ×2, Ana 1100, Dee 2500, Fay 2500, gus@ 1100 (Gus). Pairs by time: S-A 1000 × Ana 1000 ×2,
    // S-G 1100 × Ana 1100 (Ana does not own S-G: cross-customer), S-G 1100 × Gus 1100.
    #expect(summary.tables.first { $0.table == "machine_learning_curated" }?.rowsOut == 4)
    #expect(summary.hazards.map(\.kind) == ["cross_customer_join"])
    #expect(summary.hazards.first?.count == 1)
  }
}
