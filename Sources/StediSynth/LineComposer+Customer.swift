extension LineComposer {
  /// One customer landing line, in the spacing of the public export
  /// (`{"customerName": "Ana Lee", "email": …}`).
  mutating func appendCustomer(_ line: CustomerLine, to bytes: inout [UInt8]) {
    switch line.form {
    case .valid: composeCustomer(line, defect: nil, utf8Error: false, to: &bytes)
    case .schema(let defect): composeCustomer(line, defect: defect, utf8Error: false, to: &bytes)
    case .malformed(.garbage): appendGarbage(to: &bytes)
    case .malformed(.invalidUTF8):
      composeCustomer(line, defect: nil, utf8Error: true, to: &bytes)
    case .malformed(.truncated):
      scratch.removeAll(keepingCapacity: true)
      composeCustomer(line, defect: nil, utf8Error: false, to: &scratch)
      appendTruncatedScratch(to: &bytes)
    }
  }

  private func composeCustomer(
    _ line: CustomerLine, defect: CustomerSchemaDefect?, utf8Error: Bool,
    to bytes: inout [UInt8]
  ) {
    let person = plan.persons[Int(line.person)]
    let drift = plan.config.form.drifts && defect == nil
    let float = (line.floatTimes || drift) && defect == nil
    let name = "\(NameList.first[Int(person.first)]) \(NameList.last[Int(person.last)])"
    if defect == .notObject {
      RowFormatter.append("[\"", to: &bytes)
      bytes.append(contentsOf: name.utf8)
      RowFormatter.append("\", \"", to: &bytes)
      appendEmail(person: Int(line.person), variant: line.variant, to: &bytes)
      RowFormatter.append("\", ", to: &bytes)
      RowFormatter.appendInt(line.registration.time ?? 0, to: &bytes)
      bytes.append(UInt8(ascii: "]"))
      return
    }
    RowFormatter.append("{\"customerName\": ", to: &bytes)
    if line.nameNull {
      RowFormatter.append("null", to: &bytes)
    } else {
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: name.utf8)
      bytes.append(UInt8(ascii: "\""))
    }
    RowFormatter.append(", \"email\": \"", to: &bytes)
    if defect != .emptyEmail {
      appendEmail(person: Int(line.person), variant: line.variant, to: &bytes)
    }
    if utf8Error { bytes.append(contentsOf: [0xFF, 0xFE]) }
    if defect == .booleanPhone {
      RowFormatter.append("\", \"phone\": true", to: &bytes)
    } else if drift {
      RowFormatter.append("\", \"phone\": 801555", to: &bytes)
      appendPhoneDigits(line.phone, to: &bytes)
    } else {
      RowFormatter.append("\", \"phone\": \"801555", to: &bytes)
      appendPhoneDigits(line.phone, to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    }
    RowFormatter.append(", \"birthDay\": \"", to: &bytes)
    RowFormatter.appendInt(Int64(person.birthYear), to: &bytes)
    appendTwoDigits(Int(person.birthMonth), to: &bytes)
    appendTwoDigits(Int(person.birthDay), to: &bytes)
    bytes.append(UInt8(ascii: "\""))
    if defect != .missingSerial {
      RowFormatter.append(", \"serialNumber\": \"", to: &bytes)
      RowFormatter.appendUUID(plan.serials[Int(line.serial)], to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    }
    var registration = line.registration
    if defect == .stringTime, registration.time == nil { registration = .value(0) }
    if drift, registration == .absent { registration = .null }
    appendTime(
      "registrationDate", registration, float, quoted: defect == .stringTime,
      to: &bytes)
    var lastUpdate = line.lastUpdate
    if defect == .fractionalTime, lastUpdate.time == nil { lastUpdate = .value(1) }
    if drift, lastUpdate == .absent { lastUpdate = .null }
    appendTime("lastUpdateDate", lastUpdate, float, to: &bytes)
    if defect == .fractionalTime { RowFormatter.append(".5", to: &bytes) }
    if defect == .outOfRangeTime {
      RowFormatter.append(", \"shareWithResearchAsOfDate\": ", to: &bytes)
      RowFormatter.append(Self.hugeTime, to: &bytes)
    } else {
      appendTime("shareWithResearchAsOfDate", nullIfAbsent(line.research, drift), float, to: &bytes)
    }
    appendTime("shareWithPublicAsOfDate", nullIfAbsent(line.publicShare, drift), float, to: &bytes)
    appendTime("shareWithFriendsAsOfDate", nullIfAbsent(line.friends, drift), float, to: &bytes)
    if line.extraFields {
      RowFormatter.append(Self.extraCustomerFields, to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  private static let extraCustomerFields: StaticString = """
    , "preferences": {"units": "metric", "tags": ["balance", 2, null]}, "source": "mobile-app"
    """

  private func appendTime(
    _ key: StaticString, _ time: OptionalTime, _ float: Bool, quoted: Bool = false,
    to bytes: inout [UInt8]
  ) {
    switch time {
    case .absent: return
    case .null:
      RowFormatter.append(", \"", to: &bytes)
      RowFormatter.append(key, to: &bytes)
      RowFormatter.append("\": null", to: &bytes)
    case .value(let value):
      RowFormatter.append(", \"", to: &bytes)
      RowFormatter.append(key, to: &bytes)
      RowFormatter.append("\": ", to: &bytes)
      if quoted { bytes.append(UInt8(ascii: "\"")) }
      RowFormatter.appendTime(value, float: float && !quoted, to: &bytes)
      if quoted { bytes.append(UInt8(ascii: "\"")) }
    }
  }

  /// `null` for an absent time in the drifted forms.
  private func nullIfAbsent(_ time: OptionalTime, _ drift: Bool) -> OptionalTime {
    drift && time == .absent ? .null : time
  }

  private func appendPhoneDigits(_ phone: Int16, to bytes: inout [UInt8]) {
    let value = Int(phone)
    for divisor in [1_000, 100, 10, 1] {
      bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
    }
  }

  private func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "-"))
    bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }
}
