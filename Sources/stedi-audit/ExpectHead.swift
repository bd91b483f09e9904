import ArgumentParser

/// The `--expect-head` option of `verify`, `check` and `report`.
enum ExpectHead {
  /// Checks a value: `sha256:` and 64 hex digits, or the hex alone.
  static func validate(_ head: String?) throws {
    guard let head else { return }
    var hex = head.lowercased()
    if hex.hasPrefix("sha256:") { hex.removeFirst("sha256:".count) }
    guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
      throw ValidationError("--expect-head: expected sha256: and 64 hex digits (the 'audit head:' line of run)")
    }
  }
}
