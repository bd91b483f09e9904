extension AccelerometerReading {
  /// Decodes one landing line of `accelerometer_landing` under the built-in schema and
  /// `options`.
  ///
  /// `user` must be a non-empty string, `timestamp` a time (an integral number within 64 bits,
  /// `1655564444103.0` included), `x`, `y` and `z` numbers; unknown fields are ignored. The
  /// rules applied beyond the plain types are recorded in `coercions`.
  ///
  /// ```swift
  /// var coercions = Coercions()
  /// let result = line.withUnsafeBytes {
  ///   AccelerometerReading.decode(line: $0, coercions: &coercions)
  /// }
  /// ```
  /// - Returns: the reading, or a ``RowError``: `malformed` if the line is not valid UTF-8 JSON,
  ///   `schema_violation` naming the field otherwise. The error never contains the line's text.
  /// Its strings come from `strings` (`StringInterner`; the overloads of `InterningLineDecoder`
  /// pass the reading thread's, or none).
  public static func decode(
    line: UnsafeRawBufferPointer, options: LineDecodingOptions, coercions: inout Coercions,
    strings: inout StringInterner
  ) -> Result<AccelerometerReading, RowError> {
    var scan = LandingLineScan<AccelerometerField>()
    var user = ""
    var timestamp: Int64 = 0
    var x = JSONNumber.integer(0)
    var y = x
    var z = x
    let problem = scan.scan(line, options: options, coercions: &coercions) {
      (field, value, coercions) throws(RowError) in
      switch field {
      case .user: user = try value.requiredString(field, strings: &strings)
      case .timestamp: timestamp = try value.requiredTime(field, coercions: &coercions)
      case .x: x = try value.requiredNumber(field)
      case .y: y = try value.requiredNumber(field)
      case .z: z = try value.requiredNumber(field)
      }
    }
    if let problem { return .failure(problem) }
    for field in AccelerometerField.allCases where !scan.has(field) {
      return .failure(scan.missing(field))
    }
    return .success(AccelerometerReading(user: user, timestamp: timestamp, x: x, y: y, z: z))
  }

  /// Decodes one line under the built-in schema, ignoring which coercions were applied.
  public static func decode(line: UnsafeRawBufferPointer) -> Result<AccelerometerReading, RowError>
  {
    var coercions = Coercions()
    return decode(line: line, coercions: &coercions)
  }
}

extension AccelerometerReading: InterningLineDecoder {}
