import Foundation
import StediAuditKit
import StediZones

/// Test hooks, inert unless set:
/// - `STEDI_AUDIT_CRASH_AT=<checkpoint>` kills the process with SIGKILL at that checkpoint of a
///   run, `withdraw` or `prune` (`RunPipeline.Checkpoint`, e.g. `before-publish`), as a power
///   cut would.
/// - `STEDI_AUDIT_FAULT=<enospc|eio|erofs>@<n>` makes the n-th write of a run's output files,
///   manifest or publish fail with that error, as a full disk, a failing disk or a read-only
///   folder would (`WriteFaults`).
///
/// The crash-safety tests use them.
enum CrashHook {
  static func fromEnvironment() -> (@Sendable (RunPipeline.Checkpoint) throws -> Void)? {
    guard let point = ProcessInfo.processInfo.environment["STEDI_AUDIT_CRASH_AT"] else { return nil }
    return { checkpoint in
      if checkpoint.rawValue == point { kill(getpid(), SIGKILL) }
    }
  }

  static func faultsFromEnvironment() -> WriteFaults? {
    ProcessInfo.processInfo.environment["STEDI_AUDIT_FAULT"].flatMap(WriteFaults.init(spec:))
  }
}
