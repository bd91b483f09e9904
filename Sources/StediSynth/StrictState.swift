/// What `strict` makes of one email key (one person).
enum StrictState: Hashable, Sendable {
  /// No valid customer record has the key.
  case unknown
  /// Distinct records share the greatest last update: no winner.
  case ambiguous
  /// The winning record does not consent.
  case noConsent
  /// The winning record consents from this time on.
  case consented(Int64)

  var name: String {
    switch self {
    case .unknown: "unknown"
    case .ambiguous: "ambiguous"
    case .noConsent: "no_consent"
    case .consented: "consented"
    }
  }
}
