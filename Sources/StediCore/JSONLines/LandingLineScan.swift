/// The member loop shared by the landing decoders: validates the whole line, maps keys to
/// fields (exactly, or ignoring case under ``KeyMatch/caseInsensitive``), rejects repeated keys
/// and hands each known field's value to the decoder.
struct LandingLineScan<Field: LandingField> {
  /// The fields seen, by ``LandingField/index``.
  private(set) var seen: UInt16 = 0
  /// Fields whose name appeared only in another case while keys had to match exactly (for the
  /// hint of a "missing" error).
  private var caseVariants: UInt16 = 0

  /// Scans `line`, calling `set` once per known field.
  ///
  /// - Returns: `nil` if the line was scanned and every value accepted, else the first error: a
  ///   syntax error (`malformed`) wins over a value error found earlier in the line.
  @inline(__always)
  mutating func scan(
    _ line: UnsafeRawBufferPointer, options: LineDecodingOptions, coercions: inout Coercions,
    set: (Field, RawJSONValue, inout Coercions) throws(RowError) -> Void
  ) -> RowError? {
    var scanner = FlatJSONScanner(line)
    var unknownKeys = UnknownKeyTracker()
    var problem: RowError?
    do throws(JSONScanError) {
      while let member = try scanner.nextMember() {
        guard problem == nil else { continue }  // Keep validating the syntax.
        do throws(RowError) {
          guard let field = field(member.key, options: options, coercions: &coercions) else {
            guard unknownKeys.insert(member.key) else { throw .duplicateUnknownKey }
            continue
          }
          let bit: UInt16 = 1 << field.index
          guard seen & bit == 0 else { throw .duplicate(field.name) }
          seen |= bit
          try set(field, member.value, &coercions)
        } catch {
          problem = error
        }
      }
    } catch {
      return RowError(error)
    }
    return problem
  }

  /// Whether `field` was present (`null` included).
  @inline(__always)
  func has(_ field: Field) -> Bool { seen & 1 << field.index != 0 }

  /// The error of a required field that is absent, with a hint when its name appeared in
  /// another case (the policy can accept that).
  func missing(_ field: Field) -> RowError {
    guard caseVariants & 1 << field.index != 0 else { return .missing(field.name) }
    return RowError(
      .schemaViolation, field: field.name,
      detail:
        "required field is missing (a key differs from it only in case; the policy's input.key_match: case_insensitive accepts it)"
    )
  }

  @inline(__always)
  private mutating func field(
    _ key: RawJSONString, options: LineDecodingOptions, coercions: inout Coercions
  ) -> Field? {
    if let field = key.withUnescapedBytes(Field.init(exactKey:)) { return field }
    guard let field = key.withUnescapedBytes(Field.matchingIgnoringCase) else { return nil }
    guard options.keyMatch == .caseInsensitive else {
      caseVariants |= 1 << field.index
      return nil
    }
    coercions.insert(.keyCase, field: field.index)
    return field
  }
}
