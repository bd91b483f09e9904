import StediCore

/// The customers of a run, resolved from customer landing records by the policy's identity rules.
public struct CustomerRegistry: Sendable {
  /// What the policy decided about a customer.
  public enum Status: Hashable, Sendable {
    /// Consented from `since` on.
    case consented(since: Int64)
    case notConsented
    /// Conflicting records: nothing about this customer is guessed.
    case ambiguous
    /// The customer withdrew consent: none of their rows is used.
    case withdrawn
  }

  /// Who a serial number belongs to.
  enum SerialOwner: Hashable, Sendable {
    case one(CustomerIndex)
    case several
  }

  /// The email key of each customer.
  public private(set) var emailKeys: [String] = []
  public private(set) var statuses: [Status] = []
  private(set) var byEmailKey: [String: CustomerIndex] = [:]
  private(set) var serialOwners: [String: SerialOwner] = [:]

  public var count: Int { emailKeys.count }

  /// The customer with this email key.
  public func customer(emailKey: String) -> CustomerIndex? { byEmailKey[emailKey] }

  public func status(_ customer: CustomerIndex) -> Status { statuses[customer.index] }

  /// Adds (or finds) the customer of an email key.
  mutating func index(of emailKey: String) -> CustomerIndex {
    if let found = byEmailKey[emailKey] { return found }
    let index = CustomerIndex(emailKeys.count)
    emailKeys.append(emailKey)
    statuses.append(.notConsented)
    byEmailKey[emailKey] = index
    return index
  }

  mutating func setStatus(_ status: Status, of customer: CustomerIndex) {
    statuses[customer.index] = status
  }

  mutating func addSerial(_ serial: String, to customer: CustomerIndex) {
    switch serialOwners[serial] {
    case nil: serialOwners[serial] = .one(customer)
    case .one(let owner) where owner != customer: serialOwners[serial] = .several
    default: break
    }
  }
}
