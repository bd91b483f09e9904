extension StepTrainerReading {
  /// Decodes one landing line of `step_trainer_landing`.
  ///
  /// `sensorReadingTime` must be an integral number within 64 bits, `serialNumber` a non-empty
  /// string and `distanceFromObject` a number; unknown fields are ignored.
  ///
  /// ```swift
  /// let result = line.withUnsafeBytes { StepTrainerReading.decode(line: $0) }
  /// ```
  /// - Returns: the reading, or a ``RowError``: `malformed` if the line is not valid UTF-8 JSON,
  ///   `schema_violation` naming the field otherwise. The error never contains the line's text.
  public static func decode(line: UnsafeRawBufferPointer) -> Result<StepTrainerReading, RowError> {
    var scanner = FlatJSONScanner(line)
    var sensorReadingTime: Int64?
    var serialNumber: String?
    var distanceFromObject: JSONNumber?
    var seen: UInt8 = 0
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
          let bit: UInt8 = 1 << field.rawValue
          guard seen & bit == 0 else { throw .duplicate(field.name) }
          seen |= bit
          let value = member.value
          switch field {
          case .sensorReadingTime: sensorReadingTime = try value.time(field: field.name)
          case .serialNumber: serialNumber = try value.nonEmptyString(field: field.name)
          case .distanceFromObject: distanceFromObject = try value.number(field: field.name)
          }
        } catch {
          problem = error
        }
      }
    } catch {
      return .failure(RowError(error))
    }
    if let problem { return .failure(problem) }
    guard let sensorReadingTime else { return .failure(.missing(Field.sensorReadingTime.name)) }
    guard let serialNumber else { return .failure(.missing(Field.serialNumber.name)) }
    guard let distanceFromObject else {
      return .failure(.missing(Field.distanceFromObject.name))
    }
    return .success(
      StepTrainerReading(
        sensorReadingTime: sensorReadingTime, serialNumber: serialNumber,
        distanceFromObject: distanceFromObject))
  }

  /// The known fields of a landing line.
  private enum Field: Int {
    case sensorReadingTime, serialNumber, distanceFromObject

    init?(key: RawJSONString) {
      guard
        let field = key.hasEscapes
          ? key.withUnescapedBytes(Field.init(bytes:)) : Field(bytes: key.bytes)
      else { return nil }
      self = field
    }

    init?(bytes key: UnsafeRawBufferPointer) {
      switch key.count {
      case 12 where key.equalsASCII("serialNumber"): self = .serialNumber
      case 17 where key.equalsASCII("sensorReadingTime"): self = .sensorReadingTime
      case 18 where key.equalsASCII("distanceFromObject"): self = .distanceFromObject
      default: return nil
      }
    }

    var name: String {
      switch self {
      case .sensorReadingTime: "sensorReadingTime"
      case .serialNumber: "serialNumber"
      case .distanceFromObject: "distanceFromObject"
      }
    }
  }
}
