extension StepTrainerReading {
  /// Decodes one landing line of `step_trainer_landing` under the built-in schema and
  /// `options`.
  ///
  /// `sensorReadingTime` must be a time (an integral number within 64 bits), `serialNumber` a
  /// non-empty string and `distanceFromObject` a number; unknown fields are ignored. The rules
  /// applied beyond the plain types are recorded in `coercions`.
  ///
  /// ```swift
  /// var coercions = Coercions()
  /// let result = line.withUnsafeBytes {
  ///   StepTrainerReading.decode(line: $0, coercions: &coercions)
  /// }
  /// ```
  /// - Returns: the reading, or a ``RowError``: `malformed` if the line is not valid UTF-8 JSON,
  ///   `schema_violation` naming the field otherwise. The error never contains the line's text.
  /// Its strings come from `strings` (`StringInterner`; the overloads of `InterningLineDecoder`
  /// pass the reading thread's, or none).
  public static func decode(
    line: UnsafeRawBufferPointer, options: LineDecodingOptions, coercions: inout Coercions,
    strings: inout StringInterner
  ) -> Result<StepTrainerReading, RowError> {
    var scan = LandingLineScan<StepTrainerField>()
    var sensorReadingTime: Int64 = 0
    var serialNumber = ""
    var distanceFromObject = JSONNumber.integer(0)
    let problem = scan.scan(line, options: options, coercions: &coercions) {
      (field, value, coercions) throws(RowError) in
      switch field {
      case .sensorReadingTime:
        sensorReadingTime = try value.requiredTime(field, coercions: &coercions)
      case .serialNumber: serialNumber = try value.requiredString(field, strings: &strings)
      case .distanceFromObject: distanceFromObject = try value.requiredNumber(field)
      }
    }
    if let problem { return .failure(problem) }
    for field in StepTrainerField.allCases where !scan.has(field) {
      return .failure(scan.missing(field))
    }
    return .success(
      StepTrainerReading(
        sensorReadingTime: sensorReadingTime, serialNumber: serialNumber,
        distanceFromObject: distanceFromObject))
  }

  /// Decodes one line under the built-in schema, ignoring which coercions were applied.
  public static func decode(line: UnsafeRawBufferPointer) -> Result<StepTrainerReading, RowError> {
    var coercions = Coercions()
    return decode(line: line, coercions: &coercions)
  }
}

extension StepTrainerReading: InterningLineDecoder {}
