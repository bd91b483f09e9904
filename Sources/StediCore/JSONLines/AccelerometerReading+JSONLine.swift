extension AccelerometerReading {
  /// Decodes one landing line of `accelerometer_landing`.
  ///
  /// `user` must be a non-empty string, `timestamp` an integral number within 64 bits, `x`, `y`
  /// and `z` numbers; unknown fields are ignored.
  ///
  /// ```swift
  /// let result = line.withUnsafeBytes { AccelerometerReading.decode(line: $0) }
  /// ```
  /// - Returns: the reading, or a ``RowError``: `malformed` if the line is not valid UTF-8 JSON,
  ///   `schema_violation` naming the field otherwise. The error never contains the line's text.
  public static func decode(line: UnsafeRawBufferPointer) -> Result<AccelerometerReading, RowError>
  {
    var scanner = FlatJSONScanner(line)
    var user: String?
    var timestamp: Int64?
    var x: JSONNumber?
    var y: JSONNumber?
    var z: JSONNumber?
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
          case .user: user = try value.nonEmptyString(field: field.name)
          case .timestamp: timestamp = try value.time(field: field.name)
          case .x: x = try value.number(field: field.name)
          case .y: y = try value.number(field: field.name)
          case .z: z = try value.number(field: field.name)
          }
        } catch {
          problem = error
        }
      }
    } catch {
      return .failure(RowError(error))
    }
    if let problem { return .failure(problem) }
    guard let user else { return .failure(.missing(Field.user.name)) }
    guard let timestamp else { return .failure(.missing(Field.timestamp.name)) }
    guard let x else { return .failure(.missing(Field.x.name)) }
    guard let y else { return .failure(.missing(Field.y.name)) }
    guard let z else { return .failure(.missing(Field.z.name)) }
    return .success(AccelerometerReading(user: user, timestamp: timestamp, x: x, y: y, z: z))
  }

  /// The known fields of a landing line.
  private enum Field: Int {
    case user, timestamp, x, y, z

    init?(key: RawJSONString) {
      guard
        let field = key.hasEscapes
          ? key.withUnescapedBytes(Field.init(bytes:)) : Field(bytes: key.bytes)
      else { return nil }
      self = field
    }

    init?(bytes key: UnsafeRawBufferPointer) {
      switch key.count {
      case 1:
        switch key[0] {
        case UInt8(ascii: "x"): self = .x
        case UInt8(ascii: "y"): self = .y
        case UInt8(ascii: "z"): self = .z
        default: return nil
        }
      case 4 where key.equalsASCII("user"): self = .user
      case 9 where key.equalsASCII("timestamp"): self = .timestamp
      default: return nil
      }
    }

    var name: String {
      switch self {
      case .user: "user"
      case .timestamp: "timestamp"
      case .x: "x"
      case .y: "y"
      case .z: "z"
      }
    }
  }
}
