extension CustomerRecord {
  /// Decodes one landing line of `customer_landing` under the built-in schema and `options`.
  ///
  /// `email` and `serialNumber` must be non-empty strings; `customerName`, `phone` and
  /// `birthDay` are optional identity-only strings (a number is taken as its text); the five
  /// dates are optional times (integral numbers within 64 bits, `1655564376361.0` included);
  /// `null` counts as absent; unknown fields are ignored. The rules applied beyond the plain
  /// types are recorded in `coercions` (`docs/semantics.md`, "Type drift").
  ///
  /// ```swift
  /// var coercions = Coercions()
  /// let result = line.withUnsafeBytes { CustomerRecord.decode(line: $0, coercions: &coercions) }
  /// ```
  /// - Returns: the record, or a ``RowError``: `malformed` if the line is not valid UTF-8 JSON,
  ///   `schema_violation` naming the field otherwise. The error never contains the line's text.
  public static func decode(
    line: UnsafeRawBufferPointer, options: LineDecodingOptions = .standard,
    coercions: inout Coercions
  ) -> Result<CustomerRecord, RowError> {
    var scan = LandingLineScan<CustomerField>()
    var record = CustomerRecord(email: "", serialNumber: "")
    let problem = scan.scan(line, options: options, coercions: &coercions) {
      (field, value, coercions) throws(RowError) in
      try record.set(field, to: value, coercions: &coercions)
    }
    if let problem { return .failure(problem) }
    guard scan.has(.email) else { return .failure(scan.missing(.email)) }
    guard scan.has(.serialNumber) else { return .failure(scan.missing(.serialNumber)) }
    return .success(record)
  }

  /// Decodes one line under the built-in schema, ignoring which coercions were applied.
  public static func decode(line: UnsafeRawBufferPointer) -> Result<CustomerRecord, RowError> {
    var coercions = Coercions()
    return decode(line: line, coercions: &coercions)
  }

  /// Sets a field from its JSON value.
  @inline(__always)
  private mutating func set(
    _ field: CustomerField, to value: RawJSONValue, coercions: inout Coercions
  ) throws(RowError) {
    switch field {
    case .customerName: customerName = try value.identityString(field, coercions: &coercions)
    case .email: email = try value.requiredString(field)
    case .phone: phone = try value.identityString(field, coercions: &coercions)
    case .birthDay: birthDay = try value.identityString(field, coercions: &coercions)
    case .serialNumber: serialNumber = try value.requiredString(field)
    case .registrationDate:
      registrationDate = try value.optionalTime(field, coercions: &coercions)
    case .lastUpdateDate: lastUpdateDate = try value.optionalTime(field, coercions: &coercions)
    case .shareWithResearchAsOfDate:
      shareWithResearchAsOfDate = try value.optionalTime(field, coercions: &coercions)
    case .shareWithPublicAsOfDate:
      shareWithPublicAsOfDate = try value.optionalTime(field, coercions: &coercions)
    case .shareWithFriendsAsOfDate:
      shareWithFriendsAsOfDate = try value.optionalTime(field, coercions: &coercions)
    }
  }
}
