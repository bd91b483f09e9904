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
  /// A head recorded outside the workspace; see `VerifyRequest.expectHead`.
  public var expectHead: String?
  public var allowInsecureKeys: Bool
  /// Where reason codes link to (`docs/semantics.md` of the repository by default), e.g. the
  /// file's address on the team's Git host.
  public var reasonDefinitions = ComplianceReport.defaultReasonDefinitions

  public init(
    workspace: URL, runID: String? = nil, publicKey: URL? = nil, expectHead: String? = nil,
    allowInsecureKeys: Bool = false
  ) {
    self.workspace = workspace
    self.runID = runID
    self.publicKey = publicKey
    self.expectHead = expectHead
    self.allowInsecureKeys = allowInsecureKeys
  }
}

extension Toolkit {
  /// `stedi-audit report`: the compliance report of a run, with the workspace's verification.
  public static func report(_ request: ReportRequest, clock: WallClock = .system) throws -> ComplianceReport {
    let snapshot = try ReaderSnapshot(Workspace(root: request.workspace))
    let verification = try verify(VerifyRequest(
      workspace: request.workspace, publicKey: request.publicKey, expectHead: request.expectHead,
      allowInsecureKeys: request.allowInsecureKeys), snapshot: snapshot)
    var builder = ReportBuilder(workspace: snapshot.workspace, audit: snapshot.audit, clock: clock)
    builder.published = snapshot.publishedRunID
    var report = try builder.build(runID: request.runID, verification: verification)
    report.reasonDefinitions = request.reasonDefinitions
    return report
  }
}
