public import Foundation
import StediCore
import StediKeys

/// A zone table written by another engine (the Spark path), copied into a run directory as it
/// is. The copy is checked before it is published: the importer re-checks every row against
/// the policy and the landing data and every landing row's lineage (`docs/spark.md`); this type
/// only places the bytes, with the modes of the layer's own files.
public enum ImportedTableFile {
  /// What was copied: the file's SHA-256 (hex), size and number of lines.
  public struct Copied: Sendable {
    public var sha256: String
    public var bytes: Int64
    public var rows: Int64
  }

  /// Copies `source` (nil: an empty table) to `destination`, mode 0640 (0600 for a
  /// `confidential` quarantine table, whose folders are 0700), syncs it, and returns its digest.
  ///
  /// - Throws: `ZoneError.io` naming the file that could not be read or written.
  public static func copy(from source: URL?, to destination: URL, confidential: Bool) throws(ZoneError) -> Copied {
    let directory = destination.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .io(path: destination.path, reason: "cannot create directory")
    }
    if confidential {
      for folder in [directory, directory.deletingLastPathComponent()] where chmod(folder.path, 0o700) != 0 {
        throw .io(path: folder.path, reason: String(cString: strerror(errno)))
      }
    }
    let output = open(destination.path, O_WRONLY | O_CREAT | O_TRUNC, confidential ? 0o600 : 0o640)
    guard output >= 0 else { throw .io(path: destination.path, reason: String(cString: strerror(errno))) }
    defer { close(output) }
    guard fchmod(output, confidential ? 0o600 : 0o640) == 0 else {
      throw .io(path: destination.path, reason: String(cString: strerror(errno)))
    }
    var copied = Copied(sha256: "", bytes: 0, rows: 0)
    var digest = StreamingSHA256()
    var lastByte: UInt8 = 0x0a
    if let source {
      let input = open(source.path, O_RDONLY)
      guard input >= 0 else { throw .io(path: source.path, reason: String(cString: strerror(errno))) }
      defer { close(input) }
      var chunk = [UInt8](repeating: 0, count: 1 << 20)
      while true {
        let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count >= 0 else { throw .io(path: source.path, reason: String(cString: strerror(errno))) }
        if count == 0 { break }
        let failed = chunk.withUnsafeBytes { raw -> Bool in
          let part = UnsafeRawBufferPointer(rebasing: raw[..<count])
          digest.update(part)
          var offset = 0
          while offset < count {
            let written = write(output, part.baseAddress.map { $0 + offset }, count - offset)
            if written < 0 {
              if errno == EINTR { continue }
              return true
            }
            offset += written
          }
          return false
        }
        if failed { throw .io(path: destination.path, reason: String(cString: strerror(errno))) }
        copied.rows += Int64(chunk[..<count].lazy.filter { $0 == 0x0a }.count)
        copied.bytes += Int64(count)
        lastByte = chunk[count - 1]
      }
    }
    guard lastByte == 0x0a else {
      throw .io(path: destination.path, reason: "the imported table does not end with a line feed")
    }
    guard fsync(output) == 0 else { throw .io(path: destination.path, reason: String(cString: strerror(errno))) }
    copied.sha256 = digest.finalizeHex()
    return copied
  }
}
