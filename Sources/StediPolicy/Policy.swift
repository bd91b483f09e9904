public import StediCore
public import StediKeys

/// A compiled policy: how consent is applied, how identities are matched and joined, and which
/// columns each output table may carry. Made by `PolicyLoader` from a YAML file.
public struct Policy: Hashable, Sendable {
  /// The profile name (`strict`, `udacity-rubric`, or a user's own).
  public var name: String
  public var description: String
  /// SHA-256 of the policy file's bytes, lower-case hex: the policy digest in manifests.
  public var digest: String
  public var consentField: CustomerTimeField
  public var consentApplies: ConsentApplication
  public var emailMatch: EmailMatch
  public var conflicts: ConflictRule
  public var stepTrainerRequiresCuratedCustomer: Bool
  public var machineLearningJoin: JoinRule
  public var identifiersInCurated: IdentifierRule
  /// The columns of each output table, in output order.
  public var columns: [TableID: [OutputColumn]]
  /// What landing decoders accept beyond the built-in schema (the `input` section).
  public var input: LineDecodingOptions = .standard
  /// The file format of the trusted and curated tables (`output.format`); nil if the policy does
  /// not say (JSON lines, unless `run --format` says otherwise).
  public var outputFormat: OutputFormat?
  /// The policy file's text (kept with each run, so a run can be repeated exactly).
  public var text: String = ""

  public init(
    name: String, description: String, digest: String, consentField: CustomerTimeField,
    consentApplies: ConsentApplication, emailMatch: EmailMatch, conflicts: ConflictRule,
    stepTrainerRequiresCuratedCustomer: Bool, machineLearningJoin: JoinRule,
    identifiersInCurated: IdentifierRule, columns: [TableID: [OutputColumn]]
  ) {
    self.name = name
    self.description = description
    self.digest = digest
    self.consentField = consentField
    self.consentApplies = consentApplies
    self.emailMatch = emailMatch
    self.conflicts = conflicts
    self.stepTrainerRequiresCuratedCustomer = stepTrainerRequiresCuratedCustomer
    self.machineLearningJoin = machineLearningJoin
    self.identifiersInCurated = identifiersInCurated
    self.columns = columns
  }

  /// The columns of `table` (empty for landing tables).
  public func columns(of table: TableID) -> [OutputColumn] { columns[table] ?? [] }

  /// The email key of an email under this policy: trimmed and lower-cased, or exact.
  public func emailKey(_ email: String) -> String {
    switch emailMatch {
    case .exact: email
    case .caseInsensitive: Self.withdrawalKey(email)
    }
  }

  /// The key a consent withdrawal is recorded under: the email trimmed and lower-cased, whatever
  /// the policy's email matching, so that a withdrawal covers the customer under every policy
  /// (`Gus@Test.com` withdrawn under `strict` stays withdrawn under `udacity-rubric`).
  public static func withdrawalKey(_ email: String) -> String {
    // Most emails are already their key: the same string back, no copy (ASCII without capitals
    // or surrounding whitespace lower-cases and trims to itself).
    if isCanonicalKey(email.utf8) { return email }
    return String(email.trimmingWhitespace().lowercased())
  }

  private static func isCanonicalKey(_ bytes: String.UTF8View) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return true }
    let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    if space(first) || space(last) { return false }
    return !bytes.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) }
  }

  /// Whether the customer of an email key withdrew consent: the pseudonym of its withdrawal key
  /// is in `withdrawn`, or that of the email key itself (withdrawals recorded by earlier
  /// versions under a policy with exact email matching).
  public static func isWithdrawn(emailKey: String, among withdrawn: Set<String>, pseudonymizer: Pseudonymizer) -> Bool {
    guard !withdrawn.isEmpty else { return false }
    let canonical = withdrawalKey(emailKey)
    return withdrawn.contains(pseudonymizer.pseudonym(ofEmailKey: canonical))
      || (canonical != emailKey && withdrawn.contains(pseudonymizer.pseudonym(ofEmailKey: emailKey)))
  }
}

/// When a consent applies.
public enum ConsentApplication: String, Hashable, Sendable, Codable, CaseIterable {
  /// Only readings taken at or after the consent time.
  case fromConsentTime = "from_consent_time"
  /// Every reading of a customer whose consent field is set.
  case wheneverPresent = "whenever_present"
}

/// How emails are compared.
public enum EmailMatch: String, Hashable, Sendable, Codable, CaseIterable {
  case caseInsensitive = "case_insensitive"
  case exact
}

/// What to do with several records of one email.
public enum ConflictRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Exact copies are duplicates; the latest `lastUpdateDate` wins; ties are ambiguous.
  case latestUpdateWins = "latest_update_wins"
  /// Every record stands on its own (the course's behaviour).
  case keepAll = "keep_all"
}

/// How machine-learning rows pair step-trainer and accelerometer readings.
public enum JoinRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Same customer and same time.
  case customerAndTime = "customer_and_time"
  /// Same time, whoever the readings belong to (pairs different customers: a hazard).
  case timeOnly = "time_only"
}

/// Whether direct identifiers may appear in curated tables.
public enum IdentifierRule: String, Hashable, Sendable, Codable, CaseIterable {
  case forbid, allow
}

extension String {
  func trimmingWhitespace() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return self[first...last]
  }
}
