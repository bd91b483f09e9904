public import StediCore

/// A compliance report on one run: what a privacy officer hands to an auditor. Contains no
/// identities: customers appear only as counts or keyed pseudonyms.
/// JSON schema: `docs/report.schema.json`.
public struct ComplianceReport: Hashable, Sendable, Codable {
  public static let formatVersion = 1
  /// The reason definitions as the repository holds them (`report --docs-url` for another place).
  public static let defaultReasonDefinitions = "docs/semantics.md"

  public var formatVersion: Int
  public var generatedAt: Int64
  public var tool: String
  public var run: RunInfo
  public var inputs: [InputFile]
  /// Landing → trusted → curated, per table.
  public var funnel: [FunnelStage]
  public var consent: ConsentCoverage
  public var hazards: [HazardInfo]
  public var verification: VerificationReport
  /// Changes since the previous run of the workspace, if there is one.
  public var changes: Changes?
  public var readingsPerDay: [DayCount]
  /// Admitted readings per UTC hour (empty for runs of earlier versions).
  public var readingsPerHour: [HourCount] = []
  /// Where each reason code's definition is: the reason links to `reasonDefinitions#code`.
  public var reasonDefinitions = ComplianceReport.defaultReasonDefinitions
  /// Consent withdrawals recorded in the workspace (pseudonyms only).
  public var withdrawals: [WithdrawalInfo]
  /// Accepted landing rows taken under a type-drift rule, per table, field and rule.
  public var coercions: [CoercionCount] = []

  public struct RunInfo: Hashable, Sendable, Codable {
    public var runId: String
    public var status: String
    public var published: Bool
    public var startedAt: Int64
    public var finishedAt: Int64
    public var policy: String
    public var policySHA256: String
    public var pseudonymKeyId: String
    public var manifest: String?
    public var manifestSHA256: String?
    public var merkleRoot: String?
    public var movements: Int64
  }

  public struct InputFile: Hashable, Sendable, Codable {
    public var table: String
    public var path: String
    public var sha256: String
    public var rows: Int64
    public var bytes: Int64
  }

  public struct FunnelStage: Hashable, Sendable, Codable {
    public var table: String
    public var zone: String
    public var rowsIn: Int64
    public var admitted: Int64
    public var excluded: [String: Int64]
    public var quarantined: [String: Int64]
    public var rowsOut: Int64
  }

  /// Customers by their consent decision, and readings excluded for consent reasons.
  public struct ConsentCoverage: Hashable, Sendable, Codable {
    /// Distinct customers (email keys) in the customer landing data.
    public var customers: Int64
    /// Customers admitted to customer_trusted.
    public var consented: Int64
    public var notConsented: Int64
    public var ambiguous: Int64
    public var withdrawn: Int64
    public var curated: Int64
    public var readingsBeforeConsent: Int64
    public var readingsWithoutConsent: Int64
  }

  public struct HazardInfo: Hashable, Sendable, Codable {
    public var kind: String
    public var table: String
    public var count: Int64
    public var description: String
  }

  public struct Changes: Hashable, Sendable, Codable {
    public var previousRunId: String
    public var policyChanged: Bool
    public var inputsChanged: Bool
    /// Rows out per table: before, now.
    public var tables: [TableChange]
    /// The policy text's changed lines (empty if the policy is unchanged, or if either run's
    /// text is not recorded).
    public var policyDiff: [PolicyDiffLine] = []
  }

  /// One line of a policy diff.
  public struct PolicyDiffLine: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
      case context, added, removed
      /// Unchanged lines left out.
      case skipped
    }

    public var kind: Kind
    /// The line number in the new text (context, added) or the old one (removed); for
    /// `skipped`, the number of unchanged lines left out.
    public var line: Int
    public var text: String
  }

  public struct TableChange: Hashable, Sendable, Codable {
    public var table: String
    public var before: Int64
    public var now: Int64
  }

  public struct WithdrawalInfo: Hashable, Sendable, Codable {
    public var pseudonym: String
    public var asOf: Int64
    public var recordedAt: Int64
  }
}
