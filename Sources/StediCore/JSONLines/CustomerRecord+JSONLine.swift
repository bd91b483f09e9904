extension CustomerRecord {
  /// Decodes one landing line of `customer_landing`.
  ///
  /// `email` and `serialNumber` must be non-empty strings; `customerName`, `phone` and
  /// `birthDay` are optional strings, the five dates optional integral numbers within 64 bits
  /// (absent and null alike mean "not set"); unknown fields are ignored.
  ///
  /// ```swift
  /// let result = line.withUnsafeBytes { CustomerRecord.decode(line: $0) }
  /// ```
  /// - Returns: the record, or a ``RowError``: `malformed` if the line is not valid UTF-8 JSON,
  ///   `schema_violation` naming the field otherwise. The error never contains the line's text.
  public static func decode(line: UnsafeRawBufferPointer) -> Result<CustomerRecord, RowError> {
    var scanner = FlatJSONScanner(line)
    var record = CustomerRecord(email: "", serialNumber: "")
    var seen: UInt16 = 0
    var unknownKeys = UnknownKeyTracker()
    var problem: RowError?
    do throws(JSONScanError) {
      while let member = try scanner.nextMember() {
        guard problem == nil else { continue }  // Keep validating the syntax.
        do throws(RowError) {
          guard let field = Field(key: member.key) else {
            guard unknownKeys.insert(member.key) else { throw .duplicateUnknownKey }
            continue
          }
          let bit: UInt16 = 1 << field.rawValue
          guard seen & bit == 0 else { throw .duplicate(field.name) }
          seen |= bit
          try record.set(field, to: member.value)
        } catch {
          problem = error
        }
      }
    } catch {
      return .failure(RowError(error))
    }
    if let problem { return .failure(problem) }
    guard seen & 1 << Field.email.rawValue != 0 else { return .failure(.missing("email")) }
    guard seen & 1 << Field.serialNumber.rawValue != 0 else {
      return .failure(.missing("serialNumber"))
    }
    return .success(record)
  }

  /// Sets the field `field` from its JSON value.
  private mutating func set(_ field: Field, to value: RawJSONValue) throws(RowError) {
    let name = field.name
    switch field {
    case .customerName: customerName = try value.optionalString(field: name)
    case .email: email = try value.nonEmptyString(field: name)
    case .phone: phone = try value.optionalString(field: name)
    case .birthDay: birthDay = try value.optionalString(field: name)
    case .serialNumber: serialNumber = try value.nonEmptyString(field: name)
    case .registrationDate: registrationDate = try value.optionalTime(field: name)
    case .lastUpdateDate: lastUpdateDate = try value.optionalTime(field: name)
    case .shareWithResearchAsOfDate: shareWithResearchAsOfDate = try value.optionalTime(field: name)
    case .shareWithPublicAsOfDate: shareWithPublicAsOfDate = try value.optionalTime(field: name)
    case .shareWithFriendsAsOfDate: shareWithFriendsAsOfDate = try value.optionalTime(field: name)
    }
  }

  /// The known fields of a landing line.
  private enum Field: Int {
    case customerName, email, phone, birthDay, serialNumber, registrationDate, lastUpdateDate
    case shareWithResearchAsOfDate, shareWithPublicAsOfDate, shareWithFriendsAsOfDate

    init?(key: RawJSONString) {
      guard
        let field = key.hasEscapes
          ? key.withUnescapedBytes(Field.init(bytes:)) : Field(bytes: key.bytes)
      else { return nil }
      self = field
    }

    init?(bytes key: UnsafeRawBufferPointer) {
      switch key.count {
      case 5 where key.equalsASCII("email"): self = .email
      case 5 where key.equalsASCII("phone"): self = .phone
      case 8 where key.equalsASCII("birthDay"): self = .birthDay
      case 12 where key.equalsASCII("customerName"): self = .customerName
      case 12 where key.equalsASCII("serialNumber"): self = .serialNumber
      case 14 where key.equalsASCII("lastUpdateDate"): self = .lastUpdateDate
      case 16 where key.equalsASCII("registrationDate"): self = .registrationDate
      case 23 where key.equalsASCII("shareWithPublicAsOfDate"): self = .shareWithPublicAsOfDate
      case 24 where key.equalsASCII("shareWithFriendsAsOfDate"): self = .shareWithFriendsAsOfDate
      case 25 where key.equalsASCII("shareWithResearchAsOfDate"):
        self = .shareWithResearchAsOfDate
      default: return nil
      }
    }

    var name: String {
      switch self {
      case .customerName: "customerName"
      case .email: "email"
      case .phone: "phone"
      case .birthDay: "birthDay"
      case .serialNumber: "serialNumber"
      case .registrationDate: "registrationDate"
      case .lastUpdateDate: "lastUpdateDate"
      case .shareWithResearchAsOfDate: "shareWithResearchAsOfDate"
      case .shareWithPublicAsOfDate: "shareWithPublicAsOfDate"
      case .shareWithFriendsAsOfDate: "shareWithFriendsAsOfDate"
      }
    }
  }
}
