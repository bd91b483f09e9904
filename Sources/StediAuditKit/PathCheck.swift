import Foundation
import StediCore

/// Checks of the paths a request names, made before any work so that each bad path gives one
/// clear error: a missing input is `ToolkitError.noInput` (exit 66); a path of the wrong kind (a
/// file where a directory is expected, or the reverse) is `ToolkitError.io` (exit 74).
///
/// ```swift
/// try PathCheck.input(request.workspace, .directory, "workspace")
/// ```
enum PathCheck {
  enum Kind {
    case directory, file

    var noun: String { self == .directory ? "directory" : "file" }
  }

  /// An input that must exist as `kind`.
  ///
  /// - Throws: `ToolkitError.noInput` if nothing is at `url`, `ToolkitError.io` if something
  ///   else is (or a component of the path is a file).
  static func input(_ url: URL, _ kind: Kind, _ what: String) throws(ToolkitError) {
    let path = url.path
    switch FileErrorReason.kind(of: path) {
    case .missing:
      throw .noInput("\(path): no such \(what) (the \(kind.noun) does not exist)")
    case .directory where kind == .file:
      throw .io("\(path): the \(what) is a directory, expected a file")
    case .other where kind == .directory:
      throw .io("\(path): the \(what) is not a directory")
    default:
      return
    }
  }

  /// A directory that is created if missing: if something is there it must be a directory, and
  /// the nearest existing directory above it must not be a file.
  ///
  /// - Throws: `ToolkitError.io` if the directory can't be there.
  static func outputDirectory(_ url: URL, _ what: String) throws(ToolkitError) {
    let path = url.path
    var current = url.standardizedFileURL
    while true {
      switch FileErrorReason.kind(of: current.path) {
      case .directory:
        return
      case .other:
        throw current.path == url.standardizedFileURL.path
          ? .io("\(path): the \(what) is not a directory")
          : .io("\(path): cannot create the \(what): \(current.path) is not a directory")
      case .missing:
        let parent = current.deletingLastPathComponent()
        guard parent.path != current.path else { return }
        current = parent
      }
    }
  }
}
