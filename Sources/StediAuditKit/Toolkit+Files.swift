import StediCore

extension Toolkit {
  /// Why writing the file at `path` failed, in words a user can act on ("no such directory
  /// /out", "is a directory"), never Foundation's error-domain text.
  public static func writeFailureReason(_ path: String, _ error: any Error) -> String {
    FileErrorReason.writing(path, error)
  }

  /// What keeps a file from being written at `path`, if it can be seen without trying (its
  /// directory is missing or a file, or the path is a directory).
  public static func problemWriting(_ path: String) -> String? {
    FileErrorReason.problemWriting(path)
  }

  /// The reason a file operation failed, from its POSIX code (for errors of Foundation).
  public static func fileErrorReason(_ error: any Error) -> String {
    FileErrorReason.of(error)
  }
}
