public import Foundation
import StediAuditLog
public import StediCore
import StediZones

/// What `stedi-audit report` asks for.
public struct ReportRequest: Sendable {
  public var workspace: URL
  /// A run id; by default the published run.
  public var runID: String?
  public var publicKey: URL?

  public init(workspace: URL, runID: String? = nil, publicKey: URL? = nil) {
    self.workspace = workspace
    self.runID = runID
    self.publicKey = publicKey
  }
}

extension Toolkit {
  /// `stedi-audit report`: the compliance report of a run, with the workspace's verification.
  public static func report(_ request: ReportRequest, clock: WallClock = .system) throws -> ComplianceReport {
    let verification = try verify(VerifyRequest(workspace: request.workspace, publicKey: request.publicKey))
    let workspace = Workspace(root: request.workspace)
    let audit = try AuditLog(readingFrom: workspace.auditLogURL)
    return try ReportBuilder(workspace: workspace, audit: audit, clock: clock).build(runID: request.runID, verification: verification)
  }
}
