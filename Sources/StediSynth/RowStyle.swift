/// How a valid reading is spelled: quirks that a reader must accept.
enum RowStyle: UInt8, Hashable, Sendable, CaseIterable {
  case plain
  /// The time as an integral float (`1655564376361.0`).
  case floatTime
  /// Axes as integers (`"x":1`) or the distance as a float (`218.0`).
  case otherNumberForm
  /// Unknown fields, one of them a nested object.
  case extraFields
  /// The fields in another order.
  case reorderedKeys

  var plantedName: String {
    switch self {
    case .plain: "plain"
    case .floatTime: "float_time"
    case .otherNumberForm: "other_number_form"
    case .extraFields: "unknown_fields"
    case .reorderedKeys: "reordered_keys"
    }
  }
}
