import Foundation
import Testing

/// Misusing the guarded layer's lifecycle does not compile: `scripts/check-lifecycle-misuse`
/// compiles each snippet of `scripts/lifecycle-misuse/` against the modules this test was built
/// with and checks the compiler's error.
struct LifecycleMisuseTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func misuseSnippetsFailWithTheExpectedErrors() throws {
    // The test bundle sits in the build directory, beside Modules/.
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var build = executable.deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: build.appendingPathComponent("Modules/StediZones.swiftmodule").path),
      build.pathComponents.count > 1
    {
      build = build.deletingLastPathComponent()
    }
    let script = Self.repository.appendingPathComponent("scripts/check-lifecycle-misuse")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["bash", script.path, "--build-dir", build.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    let snippets = try FileManager.default.contentsOfDirectory(
      atPath: Self.repository.appendingPathComponent("scripts/lifecycle-misuse").path
    ).filter { $0.hasSuffix(".swift") }
    #expect(snippets.count >= 9)
    let passed = output.split(separator: "\n").filter { $0.hasPrefix("ok ") }
    #expect(passed.count == snippets.count, "\(output)")
    #expect(output.contains("ok   finish-twice: error: 'settling' consumed more than once"))
  }
}
