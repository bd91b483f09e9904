public import Foundation

/// Searches bytes for plaintext identifiers (privacy tests).
public enum PlaintextScan {
  /// The needles that occur in `haystack` (as UTF-8 bytes), case-sensitively.
  public static func occurrences(of needles: [String], in haystack: Data) -> [String] {
    needles.filter { needle in
      let bytes = Data(needle.utf8)
      return !bytes.isEmpty && haystack.range(of: bytes) != nil
    }
  }

  /// The bytes of every file under `directory` whose name starts with `prefix` (for a SQLite
  /// database: the main file, its -wal and -shm).
  public static func bytes(of directory: URL, prefix: String) -> Data {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var data = Data()
    for name in names.sorted() where name.hasPrefix(prefix) {
      data.append((try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data())
    }
    return data
  }
}
