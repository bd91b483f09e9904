extension LineComposer {
  /// One accelerometer landing line (`{"user":…,"timestamp":…,"x":1.0,"y":-1.0,"z":0.0}`).
  mutating func appendAccelerometer(_ row: AccRow, time: Int64, to bytes: inout [UInt8]) {
    switch row.defect {
    case .garbage?: appendGarbage(to: &bytes)
    case .truncated?:
      scratch.removeAll(keepingCapacity: true)
      composeAccelerometer(row, time: time, to: &scratch)
      appendTruncatedScratch(to: &bytes)
    default: composeAccelerometer(row, time: time, to: &bytes)
    }
  }

  /// One step-trainer landing line
  /// (`{"sensorReadingTime":…,"serialNumber":…,"distanceFromObject":218}`).
  mutating func appendStep(_ row: StepRow, time: Int64, to bytes: inout [UInt8]) {
    switch row.defect {
    case .garbage?: appendGarbage(to: &bytes)
    case .truncated?:
      scratch.removeAll(keepingCapacity: true)
      composeStep(row, time: time, to: &scratch)
      appendTruncatedScratch(to: &bytes)
    default: composeStep(row, time: time, to: &bytes)
    }
  }

  private func appendUser(_ row: AccRow, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    if row.defect != .emptyIdentity {
      if row.person >= 0 {
        appendEmail(person: Int(row.person), variant: row.variant, to: &bytes)
      } else {
        appendGhostEmail(row.ghost, to: &bytes)
      }
      if row.defect == .invalidUTF8 { bytes.append(0xFF) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private func appendReadingTime(
    _ time: Int64, style: RowStyle, defect: ReadingDefect?, to bytes: inout [UInt8]
  ) {
    switch defect {
    case .stringTime?:
      bytes.append(UInt8(ascii: "\""))
      RowFormatter.appendInt(time, to: &bytes)
      bytes.append(UInt8(ascii: "\""))
    case .fractionalTime?:
      RowFormatter.appendInt(time, to: &bytes)
      RowFormatter.append(".5", to: &bytes)
    case .outOfRangeTime?: RowFormatter.append(Self.hugeTime, to: &bytes)
    default:
      RowFormatter.appendTime(
        time, float: style == .floatTime || plan.config.form.drifts, to: &bytes)
    }
  }

  @inline(__always)
  private func appendAxis(_ value: Int8, integer: Bool, to bytes: inout [UInt8]) {
    switch (value, integer) {
    case (0, false): RowFormatter.append("0.0", to: &bytes)
    case (1, false): RowFormatter.append("1.0", to: &bytes)
    case (_, false): RowFormatter.append("-1.0", to: &bytes)
    case (0, true): bytes.append(UInt8(ascii: "0"))
    case (1, true): bytes.append(UInt8(ascii: "1"))
    case (_, true): RowFormatter.append("-1", to: &bytes)
    }
  }

  private func composeAccelerometer(_ row: AccRow, time: Int64, to bytes: inout [UInt8]) {
    let integer = row.style == .otherNumberForm
    if row.defect == .notObject {
      bytes.append(UInt8(ascii: "["))
      appendUser(row, to: &bytes)
      bytes.append(UInt8(ascii: ","))
      RowFormatter.appendInt(time, to: &bytes)
      RowFormatter.append(",1.0,0.0,-1.0]", to: &bytes)
      return
    }
    if row.style == .reorderedKeys {
      RowFormatter.append("{\"x\":", to: &bytes)
      appendAxis(row.x, integer: false, to: &bytes)
      RowFormatter.append(",\"y\":", to: &bytes)
      appendAxis(row.y, integer: false, to: &bytes)
      RowFormatter.append(",\"z\":", to: &bytes)
      appendAxis(row.z, integer: false, to: &bytes)
      RowFormatter.append(",\"timestamp\":", to: &bytes)
      appendReadingTime(time, style: row.style, defect: row.defect, to: &bytes)
      RowFormatter.append(",\"user\":", to: &bytes)
      appendUser(row, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
      return
    }
    RowFormatter.append("{\"user\":", to: &bytes)
    appendUser(row, to: &bytes)
    RowFormatter.append(",\"timestamp\":", to: &bytes)
    appendReadingTime(time, style: row.style, defect: row.defect, to: &bytes)
    RowFormatter.append(",\"x\":", to: &bytes)
    if row.defect == .stringNumber {
      RowFormatter.append("\"1.0\"", to: &bytes)
    } else {
      appendAxis(row.x, integer: integer, to: &bytes)
    }
    RowFormatter.append(",\"y\":", to: &bytes)
    appendAxis(row.y, integer: integer, to: &bytes)
    if row.defect != .missingField {
      RowFormatter.append(",\"z\":", to: &bytes)
      appendAxis(row.z, integer: integer, to: &bytes)
    }
    if row.style == .extraFields {
      RowFormatter.append(
        ",\"device\":{\"model\":\"Pixel 4\",\"sensors\":[1,2,{\"rate\":50}]},\"battery\":null",
        to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  private func appendSerial(_ row: StepRow, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    if row.defect != .emptyIdentity {
      RowFormatter.appendUUID(
        row.serial >= 0 ? plan.serials[Int(row.serial)] : row.unknownSerial, to: &bytes)
      if row.defect == .invalidUTF8 { bytes.append(contentsOf: [0xC3, 0x28]) }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private func composeStep(_ row: StepRow, time: Int64, to bytes: inout [UInt8]) {
    if row.defect == .notObject {
      bytes.append(UInt8(ascii: "["))
      RowFormatter.appendInt(time, to: &bytes)
      bytes.append(UInt8(ascii: ","))
      appendSerial(row, to: &bytes)
      bytes.append(UInt8(ascii: ","))
      RowFormatter.appendInt(Int64(row.distance), to: &bytes)
      bytes.append(UInt8(ascii: "]"))
      return
    }
    if row.style == .reorderedKeys {
      RowFormatter.append("{\"serialNumber\":", to: &bytes)
      appendSerial(row, to: &bytes)
      RowFormatter.append(",\"distanceFromObject\":", to: &bytes)
      RowFormatter.appendInt(Int64(row.distance), to: &bytes)
      RowFormatter.append(",\"sensorReadingTime\":", to: &bytes)
      appendReadingTime(time, style: row.style, defect: row.defect, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
      return
    }
    RowFormatter.append("{\"sensorReadingTime\":", to: &bytes)
    appendReadingTime(time, style: row.style, defect: row.defect, to: &bytes)
    if row.defect != .missingField {
      RowFormatter.append(",\"serialNumber\":", to: &bytes)
      appendSerial(row, to: &bytes)
    }
    RowFormatter.append(",\"distanceFromObject\":", to: &bytes)
    if row.defect == .stringNumber { bytes.append(UInt8(ascii: "\"")) }
    RowFormatter.appendInt(Int64(row.distance), to: &bytes)
    if row.style == .otherNumberForm { RowFormatter.append(".0", to: &bytes) }
    if row.defect == .stringNumber { bytes.append(UInt8(ascii: "\"")) }
    if row.style == .extraFields {
      RowFormatter.append(
        ",\"meta\":{\"firmware\":\"2.1.0\",\"calibration\":[0.5,1]},\"rssi\":-61",
        to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
  }
}
