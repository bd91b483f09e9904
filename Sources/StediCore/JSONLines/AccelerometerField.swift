/// The fields of an `accelerometer_landing` line, in schema order.
enum AccelerometerField: Int, LandingField {
  case user, timestamp, x, y, z

  var index: Int { rawValue }

  init?(exactKey key: UnsafeRawBufferPointer) {
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

  var key: StaticString {
    switch self {
    case .user: "user"
    case .timestamp: "timestamp"
    case .x: "x"
    case .y: "y"
    case .z: "z"
    }
  }
}
