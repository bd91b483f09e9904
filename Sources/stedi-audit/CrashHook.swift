import Foundation
import StediAuditKit

/// A test hook: `STEDI_AUDIT_CRASH_AT=<checkpoint>` kills the process with SIGKILL at that
/// checkpoint of a run (`during-readings`, `before-publish`), as a power cut would. The
/// crash-safety tests use it; it does nothing unless set.
enum CrashHook {
  static func fromEnvironment() -> (@Sendable (RunPipeline.Checkpoint) throws -> Void)? {
    guard let point = ProcessInfo.processInfo.environment["STEDI_AUDIT_CRASH_AT"] else { return nil }
    return { checkpoint in
      if checkpoint.rawValue == point { kill(getpid(), SIGKILL) }
    }
  }
}
