import Foundation
import StediAuditLog
import StediZones
import StediAuditTestSupport
import Testing

@testable import StediAuditKit

/// Reader queries bind their values, and verification checks carry stable ids.
struct QueryHygieneTests {
  @Test func hostilePseudonymsAreBoundNotSpliced() throws {
    let (directory, workspace) = try CheckTraceWithdrawTests.workspace()
    let keys = directory.path("keys")
    let audit = try AuditLog(readingFrom: Workspace(root: workspace).auditLogURL)
    // Toolkit.trace refuses a customer id that is not 32 hex digits; the query below it binds
    // whatever it gets.
    for hostile in ["' OR '1'='1", "x'); DROP TABLE subject; --", "%", "\\", "\u{0}"] {
      let report = try Toolkit.trace(audit: audit, published: nil, keyID: hostile, pseudonyms: [hostile, "' OR 1=1 --"])
      #expect(report.runs.isEmpty, "\(hostile.debugDescription) matched something")
    }
    // The log is intact and a real customer is still found.
    let ana = try Toolkit.trace(TraceRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: keys))
    #expect(!ana.runs.isEmpty)
  }

  @Test func everyVerificationCheckHasItsOwnStableID() throws {
    let (directory, workspace) = try CheckTraceWithdrawTests.workspace()
    let report = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(report.passed)
    let ids = report.checks.map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(Set(ids) == Set(VerificationReport.Check.ID.allCases).subtracting([.expectedHead]))
    let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
    let encoded = (json?["checks"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(encoded?.contains("curated-lineage") == true)
    _ = directory
  }
}
