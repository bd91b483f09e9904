/// The known fields of a landing table, numbered from 0 in schema order.
protocol LandingField: CaseIterable, Hashable, Sendable {
  /// The field's position in the schema (a bit of ``Coercions`` and of the seen-set).
  var index: Int { get }
  /// The field's name, as the schema spells it.
  var key: StaticString { get }
  /// The field a key names when spelled exactly as the field; no allocation.
  init?(exactKey: UnsafeRawBufferPointer)
}

extension LandingField {
  /// The field's name.
  var name: String { key.description }

  /// The field whose name equals `key` ignoring ASCII case.
  static func matchingIgnoringCase(_ key: UnsafeRawBufferPointer) -> Self? {
    allCases.first { key.equalsASCIIIgnoringCase($0.key) }
  }
}

/// The field names of each landing table, in schema order.
public enum LandingFields {
  /// The names of `table`'s fields (empty for a table that is not a landing table).
  public static func names(of table: TableID) -> [String] {
    switch table {
    case .customerLanding: CustomerField.allCases.map(\.name)
    case .accelerometerLanding: AccelerometerField.allCases.map(\.name)
    case .stepTrainerLanding: StepTrainerField.allCases.map(\.name)
    default: []
    }
  }
}
