public import Foundation

/// The source of "now", injected so that runs are reproducible in tests.
public struct WallClock: Sendable {
  private let now: @Sendable () -> Date

  public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

  /// The current time.
  public func date() -> Date { now() }

  /// The current time in epoch milliseconds.
  public func epochMilliseconds() -> Int64 { Int64((now().timeIntervalSince1970 * 1000).rounded()) }

  /// The system clock.
  public static let system = WallClock { Date() }

  /// A clock that always answers `date`.
  public static func constant(_ date: Date) -> WallClock { WallClock { date } }
}
