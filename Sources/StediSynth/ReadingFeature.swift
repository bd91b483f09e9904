/// A reading quirk or defect planted at least once, in a chosen group, so that every kind
/// appears even at small scale.
enum ReadingFeature: Hashable, Sendable {
  case accelerometerDefect(ReadingDefect)
  case stepDefect(ReadingDefect)
  case accelerometerStyle(RowStyle)
  case stepStyle(RowStyle)
  /// Readings of a user no customer record has.
  case ghostUser
  /// Step-trainer readings of a serial no customer record has.
  case unknownSerial

  /// Every feature, in a fixed order.
  static let all: [ReadingFeature] =
    ReadingDefect.allCases.map { .accelerometerDefect($0) }
    + ReadingDefect.allCases.map { .stepDefect($0) }
    + RowStyle.allCases.filter { $0 != .plain }.map { .accelerometerStyle($0) }
    + RowStyle.allCases.filter { $0 != .plain }.map { .stepStyle($0) }
    + [.ghostUser, .unknownSerial]
}
