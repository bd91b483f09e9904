import Foundation
import StediAuditKit
import StediZones

/// Test hooks, inert unless set:
/// - `STEDI_AUDIT_CRASH_AT=<checkpoint>` kills the process with SIGKILL at that checkpoint of a
///   run, `withdraw` or `prune` (`RunPipeline.Checkpoint`, e.g. `before-publish`), as a power
///   cut would.
/// - `STEDI_AUDIT_PAUSE_AT=<checkpoint>` with `STEDI_AUDIT_PAUSE_UNTIL=<file>` stops at that
///   checkpoint, creates `<file>.paused`, and goes on once `<file>` exists (at most 120 s: a
///   hang guard), so that a test can act while a writer is at a known point.
/// - `STEDI_AUDIT_FAULT=<enospc|eio|erofs>@<n>` makes the n-th write of a run's output files,
///   manifest or publish fail with that error, as a full disk, a failing disk or a read-only
///   folder would (`WriteFaults`).
///
/// The crash-safety tests use them.
enum CrashHook {
  static func fromEnvironment() -> (@Sendable (RunPipeline.Checkpoint) throws -> Void)? {
    let environment = ProcessInfo.processInfo.environment
    let crash = environment["STEDI_AUDIT_CRASH_AT"]
    let pause = environment["STEDI_AUDIT_PAUSE_AT"]
    let until = environment["STEDI_AUDIT_PAUSE_UNTIL"]
    guard crash != nil || (pause != nil && until != nil) else { return nil }
    return { checkpoint in
      if checkpoint.rawValue == pause, let until {
        _ = FileManager.default.createFile(atPath: until + ".paused", contents: Data())
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: until), Date() < deadline { usleep(20_000) }
      }
      if checkpoint.rawValue == crash { kill(getpid(), SIGKILL) }
    }
  }

  static func faultsFromEnvironment() -> WriteFaults? {
    ProcessInfo.processInfo.environment["STEDI_AUDIT_FAULT"].flatMap(WriteFaults.init(spec:))
  }
}
