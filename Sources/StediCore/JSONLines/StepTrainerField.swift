/// The fields of a `step_trainer_landing` line, in schema order.
enum StepTrainerField: Int, LandingField {
  case sensorReadingTime, serialNumber, distanceFromObject

  var index: Int { rawValue }

  init?(exactKey key: UnsafeRawBufferPointer) {
    switch key.count {
    case 12 where key.equalsASCII("serialNumber"): self = .serialNumber
    case 17 where key.equalsASCII("sensorReadingTime"): self = .sensorReadingTime
    case 18 where key.equalsASCII("distanceFromObject"): self = .distanceFromObject
    default: return nil
    }
  }

  var key: StaticString {
    switch self {
    case .sensorReadingTime: "sensorReadingTime"
    case .serialNumber: "serialNumber"
    case .distanceFromObject: "distanceFromObject"
    }
  }
}
