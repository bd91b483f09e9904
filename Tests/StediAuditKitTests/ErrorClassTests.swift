import Foundation
import StediAuditKit
import StediAuditLog
import StediCore
import StediCuration
import StediKeys
import StediLineage
import StediManifest
import StediPolicy
import StediSynth
import StediZones
import Testing

/// Every module's errors carry their class (and so the CLI's exit code) themselves.
struct ErrorClassTests {
  struct Unclassified: Error {}

  static let cases: [(any Error, ErrorClass)] = [
    (StediCoreError.cannotRead(path: "p", reason: "r"), .io),
    (CurationError.missingLanding(path: "p", table: "t"), .noInput),
    (CurationError.unreadable(path: "p", reason: "r"), .io),
    (KeyError.unwritable(path: "p", reason: "r"), .io),
    (KeyError.noKeyFolder, .config),
    (KeyError.mismatch(path: "p", reason: "r"), .config),
    (PolicyError.syntax(file: "f", line: 1, problem: "p"), .config),
    (AuditLogError.notFound(path: "p", what: "w"), .noInput),
    (AuditLogError.sqlite(path: "p", message: "m"), .io),
    (ZoneError.io(path: "p", reason: "r"), .io),
    (ZoneError.busy(path: "p", holder: "h"), .busy),
    (ZoneError.notConserved(table: "t"), .internal),
    (SynthError.invalidConfig(field: "f", detail: "d"), .usage),
    (SynthError.io(path: "p", detail: "d"), .io),
    (ManifestError.encodingFailed(reason: "r"), .internal),
    (LineageError.badURL("u"), .usage),
    (LineageError.io(path: "p", reason: "r"), .io),
    (ToolkitError.usage("u"), .usage),
    (ToolkitError.noInput("n"), .noInput),
    (ToolkitError.invalid("i"), .config),
    (ToolkitError.io("i"), .io),
    (CocoaError(.fileNoSuchFile), .io),
    (Unclassified(), .internal),
  ]

  @Test func eachErrorHasItsDocumentedClass() {
    for (error, expected) in Self.cases {
      #expect(ErrorKind(error) == expected, "\(error)")
    }
    // Every class is reachable.
    #expect(Set(Self.cases.map { "\($0.1)" }).count == ErrorClass.allCases.count - 1)  // badData: the CLI's own
  }
}
