// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "stedi-audit",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "stedi-audit", targets: ["stedi-audit"]),
    .library(name: "StediAuditKit", targets: ["StediAuditKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // System SQLite (libsqlite3-dev); wrapped only by StediAuditLog.
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
    // Short SHA-256s from the system libcrypto (libssl-dev), for Merkle nodes and row digests.
    .systemLibrary(name: "CLibCrypto", path: "Sources/CLibCrypto"),
    // Records, table names, reason codes, JSON-lines reading and writing. No dependencies.
    .target(name: "StediCore"),
    // Keyed pseudonyms (HMAC-SHA256), row digests (SHA-256) and key files.
    .target(
      name: "StediKeys",
      dependencies: ["StediCore", "CLibCrypto", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // Signed run manifests: in-toto statements in DSSE envelopes, Merkle commitments.
    .target(name: "StediManifest", dependencies: ["StediCore", "StediKeys"]),
    // Policy files (YAML) compiled into a typed policy; the decision engine.
    .target(name: "StediPolicy", dependencies: ["StediCore", "StediKeys", "Yams"]),
    // The SQLite audit log: schema, migrations, lineage recording.
    .target(name: "StediAuditLog", dependencies: ["StediCore", "StediKeys", "CSQLite"]),
    // The guarded layer: the only code that writes zone files.
    .target(
      name: "StediZones",
      dependencies: ["StediCore", "StediKeys", "StediPolicy", "StediAuditLog"]
    ),
    // Curation jobs: landing -> trusted -> curated, through the guarded layer.
    .target(
      name: "StediCuration",
      dependencies: [
        "StediCore", "StediKeys", "StediPolicy", "StediZones",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // OpenLineage run events, their JSON lines and their HTTP delivery. No dependencies.
    .target(name: "StediLineage"),
    // Deterministic synthetic STEDI landing data with planted defects and ground truth.
    .target(name: "StediSynth", dependencies: ["StediCore"]),
    // Use cases; the only library the CLI imports.
    .target(
      name: "StediAuditKit",
      dependencies: [
        "StediCore", "StediKeys", "StediPolicy", "StediAuditLog", "StediZones", "StediCuration",
        "StediManifest", "StediSynth", "StediLineage", .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "stedi-audit",
      dependencies: [
        "StediAuditKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "StediAuditTestSupport",
      dependencies: [
        "StediCore", .product(name: "Logging", package: "swift-log"),
        .product(name: "InMemoryLogging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "StediCoreTests",
      dependencies: ["StediCore", "StediAuditTestSupport"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "StediPolicyTests", dependencies: ["StediPolicy", "StediCore", "StediKeys"]),
    .testTarget(
      name: "StediAuditKitTests",
      dependencies: [
        "StediAuditKit", "StediCore", "StediPolicy", "StediAuditLog", "StediKeys", "StediZones",
        "StediManifest", "StediSynth", "StediLineage", "StediAuditTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "StediManifestTests",
      dependencies: ["StediManifest", "StediKeys", "StediCore", "StediAuditTestSupport"]
    ),
    .testTarget(name: "StediSynthTests", dependencies: ["StediSynth", "StediCore"]),
    .testTarget(
      name: "StediZonesTests",
      dependencies: ["StediZones", "StediAuditLog", "StediCore", "StediKeys", "StediPolicy", "StediAuditTestSupport"]
    ),
    .testTarget(
      name: "StediCLITests",
      dependencies: ["stedi-audit", "StediAuditTestSupport"]
    ),
  ]
)

for target in package.targets where target.type != .system {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
  // Release builds specialize the hot generic code (TrustedRow, the guarded layer) across
  // module boundaries instead of calling it through value witnesses.
  settings.append(.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)))
  target.swiftSettings = settings
}
