import Foundation
import StediAuditKit
import StediCore
import StediAuditLog
import StediAuditTestSupport
import StediKeys
import Testing

/// Where the keys live and which ones are trusted: the secret keys in a per-user key folder
/// outside the workspace, the workspace holding only the public key, and folders or files that
/// others can write refused (exit 78) unless allowed.
struct TrustRootTests {
  static func run(
    _ directory: TemporaryDirectory, keys: URL? = nil, profile: String = "strict", allowInsecure: Bool = false,
    environment: [String: String] = [:]
  ) throws -> RunOutcome {
    let landing = try #require(TinyFixtureTests.tiny)
    let (logger, _) = TestLogging.make()
    return try Toolkit.run(
      RunRequest(
        landing: landing, workspace: directory.path("ws"), profile: profile, keysDirectory: keys,
        allowInsecureKeys: allowInsecure, environment: environment),
      logger: logger)
  }

  static func mode(_ url: URL) -> Int {
    var info = stat()
    return stat(url.path, &info) == 0 ? Int(info.st_mode) & 0o777 : -1
  }

  /// Every regular file under a directory, by path relative to it.
  static func files(under root: URL) -> [String] {
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    var out: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        out.append(String(url.path.dropFirst(root.path.count + 1)))
      }
    }
    return out.sorted()
  }

  @Test func theSecretKeysLiveOutsideTheWorkspace() throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    let outcome = try Self.run(directory, keys: keys)
    #expect(outcome.createdKeyFile?.path == keys.appendingPathComponent("pseudonym.key").path)
    #expect(outcome.createdSigningKeyFile?.path == keys.appendingPathComponent("signing.key").path)
    #expect(Self.mode(keys) == 0o700)
    #expect(Self.mode(keys.appendingPathComponent("signing.key")) == 0o600)
    #expect(Self.mode(keys.appendingPathComponent("pseudonym.key")) == 0o600)
    let workspace = directory.path("ws")
    #expect(Self.files(under: workspace.appendingPathComponent("keys")) == ["signing.pub.pem"])
    #expect(Self.mode(workspace.appendingPathComponent("keys/signing.pub.pem")) == 0o644)
    let store = KeyStore(directory: keys)
    #expect(try KeyStore(directory: workspace.appendingPathComponent("keys")).publicKey() == store.publicKey())
    // No file of the workspace holds either secret.
    let secrets = try [store.signingKeyURL, store.pseudonymKeyURL].map { url in
      let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: String])
      return try #require(body["secret"])
    }
    for file in Self.files(under: workspace) where !file.hasSuffix(".sqlite") {
      let text = String(decoding: try Data(contentsOf: workspace.appendingPathComponent(file)), as: UTF8.self)
      for secret in secrets { #expect(!text.contains(secret), "\(file)") }
    }
  }

  @Test func theDefaultKeyFolderComesFromTheEnvironment() throws {
    #expect(try KeyLocation.defaultFolder(environment: ["STEDI_AUDIT_KEYS": "/k", "XDG_CONFIG_HOME": "/x", "HOME": "/h"]).path == "/k")
    #expect(try KeyLocation.defaultFolder(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]).path == "/x/stedi-audit/keys")
    #expect(try KeyLocation.defaultFolder(environment: ["STEDI_AUDIT_KEYS": "", "HOME": "/h"]).path == "/h/.config/stedi-audit/keys")
    #expect(throws: KeyError.noKeyFolder) { try KeyLocation.defaultFolder(environment: [:]) }
    let directory = TemporaryDirectory()
    #expect(throws: KeyError.noKeyFolder) { try Self.run(directory) }
    let home = directory.path("home")
    let outcome = try Self.run(directory, environment: ["HOME": home.path])
    let folder = home.appendingPathComponent(".config/stedi-audit/keys")
    #expect(outcome.createdKeyFile?.path == folder.appendingPathComponent("pseudonym.key").path)
    #expect(Self.mode(folder) == 0o700)
    // The next run finds the same keys there: pseudonyms stay stable.
    let again = try Self.run(directory, profile: "udacity-rubric", environment: ["HOME": home.path])
    #expect(again.createdKeyFile == nil)
    #expect(again.summary.pseudonymKeyID == outcome.summary.pseudonymKeyID)
  }

  enum Loosened: String, CaseIterable, Sendable {
    case keyFolder = "keys"
    case workspaceKeyFolder = "ws/keys"
    case workspacePublicKey = "ws/keys/signing.pub.pem"
  }

  @Test(arguments: Loosened.allCases)
  func keyFoldersAndFilesOthersCanWriteAreRefused(_ loosened: Loosened) throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    _ = try Self.run(directory, keys: keys)
    let target = directory.path(loosened.rawValue)
    let isFolder = loosened != .workspacePublicKey
    #expect(chmod(target.path, isFolder ? 0o777 : 0o666) == 0)
    let refusal = KeyError.writableByOthers(path: target.path, isDirectory: isFolder)
    #expect(throws: refusal) { try Self.run(directory, keys: keys, profile: "udacity-rubric") }
    let message = try #require(refusal.errorDescription)
    #expect(message.hasPrefix("\(target.path): key \(isFolder ? "folder" : "file") is writable by group or others"))
    #expect(!message.contains("\n"))
    #expect(ErrorKind(refusal) == .config)
    if loosened != .keyFolder {
      #expect(throws: refusal) { try Toolkit.verify(VerifyRequest(workspace: directory.path("ws"))) }
    }
    let allowed = try Self.run(directory, keys: keys, profile: "udacity-rubric", allowInsecure: true)
    #expect(allowed.auditHead != nil)
    #expect(try Toolkit.verify(VerifyRequest(workspace: directory.path("ws"), allowInsecureKeys: true)).passed)
  }

  @Test func aPinnedPublicKeyOthersCanWriteIsRefused() throws {
    let directory = TemporaryDirectory()
    _ = try Self.run(directory, keys: directory.path("keys"))
    let pinned = directory.path("producer.pem")
    try FileManager.default.copyItem(at: directory.path("keys/signing.pub.pem"), to: pinned)
    #expect(chmod(pinned.path, 0o666) == 0)
    #expect(throws: KeyError.writableByOthers(path: pinned.path, isDirectory: false)) {
      try Toolkit.verify(VerifyRequest(workspace: directory.path("ws"), publicKey: pinned))
    }
    #expect(try Toolkit.verify(VerifyRequest(workspace: directory.path("ws"), publicKey: pinned, allowInsecureKeys: true)).passed)
  }

  @Test func aSecretKeyReadableByOthersIsRefusedEvenWhenInsecureKeysAreAllowed() throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    _ = try Self.run(directory, keys: keys)
    let secret = keys.appendingPathComponent("pseudonym.key")
    #expect(chmod(secret.path, 0o644) == 0)
    #expect(throws: KeyError.badPermissions(path: secret.path)) {
      try Self.run(directory, keys: keys, allowInsecure: true)
    }
  }

  @Test func aKeyFolderInsideTheWorkspaceIsRefusedUnlessAllowed() throws {
    let directory = TemporaryDirectory()
    let inside = directory.path("ws/keys")
    #expect(throws: KeyError.self) { try Self.run(directory, keys: inside) }
    #expect(!FileManager.default.fileExists(atPath: inside.appendingPathComponent("signing.key").path))
    _ = try Self.run(directory, keys: inside, allowInsecure: true)
    let report = try Toolkit.verify(VerifyRequest(workspace: directory.path("ws")))
    #expect(report.passed)
    #expect(report.warnings.contains { $0.hasPrefix("\(inside.appendingPathComponent("signing.key").path): a secret key inside the workspace") })
  }

  @Test func secretKeysLeftInTheWorkspaceByEarlierVersionsAreRefused() throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    _ = try Self.run(directory, keys: keys)
    let left = directory.path("ws/keys/signing.key")
    try FileManager.default.copyItem(at: keys.appendingPathComponent("signing.key"), to: left)
    do {
      _ = try Self.run(directory, keys: keys)
      Issue.record("a secret key inside the workspace was accepted")
    } catch let error as KeyError {
      guard case .secretInWorkspace(let path, let advice) = error else { throw error }
      #expect(path == left.path)
      #expect(advice.contains("move pseudonym.key and signing.key to the key folder \(keys.path)"))
    }
    let trace = TraceRequest(workspace: directory.path("ws"), email: "ana.lee@test.com", keysDirectory: keys)
    #expect(throws: KeyError.self) { try Toolkit.trace(trace) }
  }

  @Test func anotherKeyFolderCannotSignOrPseudonymiseAWorkspace() throws {
    let directory = TemporaryDirectory()
    let first = try Self.run(directory, keys: directory.path("keys"))
    let empty = directory.path("other-keys")
    do {
      _ = try Self.run(directory, keys: empty)
      Issue.record("a run with an empty key folder made new keys for an existing workspace")
    } catch let error as KeyError {
      guard case .mismatch(let path, let reason) = error else { throw error }
      #expect(path == empty.appendingPathComponent("pseudonym.key").path)
      #expect(reason.contains(first.summary.pseudonymKeyID))
    }
    #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("pseudonym.key").path))
    // The same pseudonym key but another signing key: refused by the workspace's public key.
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(chmod(empty.path, 0o700) == 0)
    try FileManager.default.copyItem(
      at: directory.path("keys/pseudonym.key"), to: empty.appendingPathComponent("pseudonym.key"))
    _ = try KeyStore(directory: empty).signingKey()
    #expect(throws: KeyError.self) { try Self.run(directory, keys: empty) }
    #expect(try Toolkit.verify(VerifyRequest(workspace: directory.path("ws"))).passed)
  }

  @Test func verifySaysWhichKeyItTrusted() throws {
    let directory = TemporaryDirectory()
    _ = try Self.run(directory, keys: directory.path("keys"))
    let workspace = directory.path("ws")
    let keyID = try KeyStore(directory: directory.path("keys")).publicKey().keyID
    let own = try Toolkit.verify(VerifyRequest(workspace: workspace))
    #expect(own.trust == .init(keyId: keyID, source: .workspace, path: workspace.appendingPathComponent("keys/signing.pub.pem").path))
    #expect(own.warnings.count == 1)
    #expect(own.warnings.first?.hasPrefix("trusted the workspace's own key \(keyID)") == true)
    #expect(own.renderText().contains("warning: trusted the workspace's own key"))
    let pem = directory.path("keys/signing.pub.pem")
    let pinned = try Toolkit.verify(VerifyRequest(workspace: workspace, publicKey: pem))
    #expect(pinned.trust == .init(keyId: keyID, source: .publicKeyFile, path: pem.path))
    #expect(pinned.warnings.isEmpty)
    #expect(pinned.renderText().contains("trusted signing keys: \(keyID) (--public-key \(pem.path))"))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(own), as: UTF8.self)
    #expect(json.contains(#""trust":{"keyId":"\#(keyID)","#))
    #expect(json.contains(#""source":"workspace""#))
    #expect(json.contains(#""warnings":["trusted the workspace's own key"#))
    let decoded = try JSONDecoder().decode(VerificationReport.self, from: Data(json.utf8))
    #expect(decoded.trust == own.trust)
    #expect(decoded.warnings == own.warnings)
    let report = try Toolkit.report(ReportRequest(workspace: workspace))
    #expect(report.renderMarkdown().contains("> **Warning:** trusted the workspace's own key \(keyID)"))
    #expect(report.renderHTML().contains("<p class=\"warning\">Warning: trusted the workspace&#39;s own key")
      || report.renderHTML().contains("<p class=\"warning\">Warning: trusted the workspace's own key"))
    let pinnedReport = try Toolkit.report(ReportRequest(workspace: workspace, publicKey: pem))
    #expect(!pinnedReport.renderMarkdown().contains("Warning"))
  }

  @Test func everyRunAndWithdrawalPrintsTheNewAuditHead() throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    let outcome = try Self.run(directory, keys: keys)
    let workspace = directory.path("ws")
    let head = try #require(outcome.auditHead)
    let last = try AuditLog(readingFrom: workspace.appendingPathComponent("audit/audit.sqlite"))
      .rows("SELECT hash, kind FROM event ORDER BY id DESC LIMIT 1")
    #expect(head == "sha256:" + (last.first?[0] ?? ""))
    #expect(last.first?[1] == "run_published")
    #expect(outcome.summary.renderText().hasSuffix("\naudit head: \(head)"))
    #expect(try outcome.summary.renderJSON().contains(#""auditHead" : "\#(head)""#))
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace)).auditHead == head)
    let (logger, _) = TestLogging.make()
    let withdrawn = try Toolkit.withdraw(
      WithdrawRequest(workspace: workspace, email: "ana.lee@test.com", keysDirectory: keys), logger: logger)
    let next = try #require(withdrawn.run?.auditHead)
    #expect(next != head)
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace, expectHead: head)).passed)
    #expect(try Toolkit.verify(VerifyRequest(workspace: workspace, expectHead: next)).passed)
    #expect(throws: ToolkitError.self) { try Toolkit.verify(VerifyRequest(workspace: workspace, expectHead: "sha256:abc")) }
  }

  @Test func keysInitAndShowUseTheKeyFolderAndInstallOnlyThePublicKey() throws {
    let directory = TemporaryDirectory()
    let keys = directory.path("keys")
    let workspace = directory.path("ws")
    let made = try Toolkit.keysInit(KeysRequest(directory: keys, workspace: workspace))
    #expect(made.created.map { URL(fileURLWithPath: $0).lastPathComponent } == ["pseudonym.key", "signing.key", "signing.pub.pem", "signing.pub.pem"])
    #expect(Self.files(under: workspace) == ["keys/signing.pub.pem"])
    let again = try Toolkit.keysInit(KeysRequest(directory: keys, workspace: workspace))
    #expect(again.created.isEmpty)
    #expect(again.signingKeyId == made.signingKeyId)
    let folder = try Toolkit.keysShow(KeysRequest(environment: ["STEDI_AUDIT_KEYS": keys.path]))
    #expect(folder.directory == keys.path)
    #expect(folder.pseudonymKeyId == made.pseudonymKeyId)
    let own = try Toolkit.keysShow(KeysRequest(workspace: workspace))
    #expect(own.signingKeyId == made.signingKeyId)
    #expect(own.pseudonymKeyId == nil, "no published run yet")
    _ = try Self.run(directory, keys: keys)
    #expect(try Toolkit.keysShow(KeysRequest(workspace: workspace)).pseudonymKeyId == made.pseudonymKeyId)
    // Another key folder can't claim the workspace.
    #expect(throws: KeyError.self) {
      try Toolkit.keysInit(KeysRequest(directory: directory.path("other"), workspace: workspace))
    }
  }

  @Test func theDemoKeepsItsKeysBesideItsWorkspaceAndPinsThem() throws {
    let directory = TemporaryDirectory()
    let (logger, _) = TestLogging.make()
    let request = DemoRequest(directory: directory.path("demo"), customers: 30, seed: 3)
    let outcome = try Toolkit.demo(request, logger: logger)
    #expect(outcome.verification.passed, "\(outcome.verification.renderText())")
    #expect(outcome.verification.trust?.source == .publicKeyFile)
    #expect(outcome.verification.warnings.isEmpty)
    #expect(Self.files(under: request.keys) == ["pseudonym.key", "signing.key", "signing.pub.pem"])
    #expect(Self.files(under: request.workspace.appendingPathComponent("keys")) == ["signing.pub.pem"])
  }
}
