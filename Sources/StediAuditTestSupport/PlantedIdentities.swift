#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The plaintext identities planted in the hostile corpus (``HostileCorpus``), and the needles a
/// leak check searches for.
///
/// Every planted email and name holds the ASCII marker ``marker`` (so a leak is found even if
/// an output escaped or re-cased the non-ASCII letters around it); phones and birthdays are
/// searched for as written. Emails come in several letter cases, non-ASCII ones included
/// (`É`/`é`, `Σ`/`σ`, `İ`, `ẞ`, the Kelvin sign), because the strict policy matches emails
/// case-insensitively.
public enum PlantedIdentities {
  /// Held by every planted email and name; searched for case-insensitively.
  public static let marker = "zqvplant"

  /// Emails of consenting customers (the readings refer to them): first as written in the
  /// customer table, then other case forms used by readings and duplicates.
  public static let emails: [String] = [
    "Élodie.Zqvplant01@Plant.Test", "zoë.zqvplant02@plant.test", "SPENCER.ZQVPLANT03@PLANT.TEST",
    "Σοφία.Zqvplant04@plant.test", "İpek.Zqvplant05@plant.test", "Straẞe.Zqvplant06@plant.test",
    "\u{212A}elvin.Zqvplant07@plant.test", "ana.lee.zqvplant08@plant.test",
    "José.Núñez.Zqvplant09@plant.test", "li.zqvplant10@plant.test",
  ]

  /// Other case forms of ``emails`` (as readings may write them).
  public static var emailVariants: [String] {
    emails.flatMap { [$0.lowercased(), $0.uppercased()] }
  }

  public static let names: [String] = [
    "Élodie Zqvplant", "Zoë Zqvplant-Müller", "Spencer \"Zqvplant\" Davis", "李 Zqvplant",
    "Ðorđe Zqvplant Þórsson", "Zqvplant 😀 Face",
  ]

  public static let phones: [String] = [
    "+1 (801) 555-0142", "801-555-0177", "+44 20 7946 0958", "555.0199.301",
  ]

  public static let birthdays: [String] = ["1907-03-19", "1911-11-23", "1903-02-28"]

  /// Every needle searched for case-sensitively: each identity as written, and the lower- and
  /// upper-case forms of emails and names.
  public static var needles: [String] {
    let cased = (emails + names).flatMap { [$0, $0.lowercased(), $0.uppercased()] }
    return cased + phones + birthdays
  }

  /// The needles found in `bytes`: the case-sensitive ``needles``, and ``marker`` in any ASCII
  /// letter case.
  public static func leaks(in bytes: [UInt8]) -> [String] {
    var found = needles.filter { needle in contains(bytes, Array(needle.utf8)) }
    let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    if contains(lowered, Array(marker.utf8)) { found.append(marker) }
    return found
  }

  /// Whether `haystack` holds `needle` (`memchr` and `memcmp`: fast enough for large outputs in
  /// debug builds).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, haystack.count >= needle.count else { return false }
    return haystack.withUnsafeBytes { outer in
      needle.withUnsafeBytes { inner in
        guard let base = outer.baseAddress, let pattern = inner.baseAddress else { return false }
        var offset = 0
        let last = outer.count - inner.count
        while offset <= last {
          guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else {
            return false
          }
          let position = base.distance(to: UnsafeRawPointer(hit))
          if memcmp(base + position, pattern, inner.count) == 0 { return true }
          offset = position + 1
        }
        return false
      }
    }
  }
}
