import Foundation
import StediAuditTestSupport
import StediCore
import Testing

/// Reasons for failed file operations are POSIX messages or what is wrong with the path, never
/// Foundation's error-domain text.
struct FileErrorReasonTests {
  static let foundationText = ["Domain", "NSCocoa", "could not be completed", "UserInfo"]

  @Test func foundationErrorsBecomeTheirPOSIXReason() {
    let underlying = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOENT))
    let wrapped = CocoaError(.fileNoSuchFile, userInfo: [NSUnderlyingErrorKey: underlying])
    #expect(FileErrorReason.of(wrapped) == String(cString: strerror(ENOENT)))
    #expect(
      FileErrorReason.of(CocoaError(.fileWriteFileExists)) == String(cString: strerror(EEXIST)))
    #expect(FileErrorReason.of(POSIXError(.EISDIR)) == String(cString: strerror(EISDIR)))
    for error in [CocoaError(.fileWriteUnknown), CocoaError(.fileReadUnknown)] {
      let reason = FileErrorReason.of(error)
      #expect(!Self.foundationText.contains { reason.contains($0) }, "\(reason)")
    }
  }

  @Test func writeProblemsNameThePath() throws {
    let directory = TemporaryDirectory()
    let file = directory.path("file")
    try Data("x".utf8).write(to: file)
    let missing = directory.path("missing")
    #expect(
      FileErrorReason.problemWriting(missing.appendingPathComponent("out.md").path)
        == "no such directory \(missing.path)")
    #expect(
      FileErrorReason.problemWriting(file.appendingPathComponent("out.md").path)
        == "\(file.path) is not a directory")
    #expect(FileErrorReason.problemWriting(directory.url.path) == "is a directory")
    #expect(FileErrorReason.problemWriting(directory.path("new.md").path) == nil)
    #expect(FileErrorReason.kind(of: file.path) == .other)
    #expect(FileErrorReason.kind(of: file.appendingPathComponent("below").path) == .other)
    #expect(FileErrorReason.kind(of: directory.url.path) == .directory)
    #expect(FileErrorReason.kind(of: missing.path) == .missing)
  }
}
