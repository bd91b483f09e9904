// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Parquet support is an opt-in: `scripts/setup-parquet` installs the pyarrow wheel (its
/// libarrow, libparquet and C++ headers) into .venv-parquet, and with STEDI_AUDIT_PARQUET=1 in
/// the environment the package builds the CStediParquet target and defines STEDI_PARQUET.
/// Without them (a fresh clone) nothing of Arrow is needed, and a Parquet file says in one line
/// how to enable it. (An environment variable, not the venv alone: SwiftPM caches this manifest
/// by its text and environment, not by the files it looks at.)
struct Pyarrow {
  let directory: String
  let libraries: [String]

  static func find() -> Pyarrow? {
    guard ProcessInfo.processInfo.environment["STEDI_AUDIT_PARQUET"] == "1" else { return nil }
    let manager = FileManager.default
    let lib = Context.packageDirectory + "/.venv-parquet/lib"
    for python in ((try? manager.contentsOfDirectory(atPath: lib)) ?? []).sorted() where python.hasPrefix("python") {
      let directory = "\(lib)/\(python)/site-packages/pyarrow"
      let names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
      // The versioned shared objects the wheel ships (libarrow.so.2600, libparquet.so.2600).
      let libraries = ["libarrow.so.", "libparquet.so."].compactMap { prefix in
        names.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(".") }.sorted().first
      }
      if libraries.count == 2, manager.fileExists(atPath: directory + "/include/parquet/arrow/reader.h") {
        return Pyarrow(directory: directory, libraries: libraries)
      }
    }
    return nil
  }
}

let pyarrow = Pyarrow.find()

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
    // The system zlib (zlib1g-dev): gzip-compressed JSON lines (`part-*.json.gz` of Spark jobs).
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    // glibc's <malloc.h> (mallopt, malloc_trim): no library to link.
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
    // Records, table names, reason codes, JSON-lines reading and writing. Only zlib (and glibc's
    // allocator controls).
    .target(
      name: "StediCore", dependencies: ["CZlib", "CMalloc"] + (pyarrow == nil ? [] : ["CStediParquet"]),
      swiftSettings: pyarrow == nil ? [] : [.define("STEDI_PARQUET")]),
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
    // OpenLineage run events, their JSON lines and their HTTP delivery (StediCore for error classes).
    .target(name: "StediLineage", dependencies: ["StediCore"]),
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
        "StediAuditKit", "StediCore",
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
        "StediManifest", "StediSynth", "StediLineage", "StediCuration", "StediAuditTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "StediManifestTests",
      dependencies: ["StediManifest", "StediKeys", "StediCore", "StediAuditTestSupport"]
    ),
    .testTarget(
      name: "StediKeysTests",
      dependencies: ["StediKeys", "StediCore", "StediAuditTestSupport", .product(name: "Crypto", package: "swift-crypto")]),
    .testTarget(name: "StediSynthTests", dependencies: ["StediSynth", "StediCore", "StediAuditTestSupport"]),
    .testTarget(
      name: "StediZonesTests",
      dependencies: ["StediZones", "StediAuditLog", "StediCore", "StediKeys", "StediPolicy", "StediAuditTestSupport"]
    ),
    .testTarget(
      name: "StediCLITests",
      dependencies: ["stedi-audit", "StediAuditTestSupport"]
    ),
  ],
  cxxLanguageStandard: .cxx20
)

if let pyarrow {
  // Parquet rows as JSON objects, through Arrow's C++ reader (see `Pyarrow` above).
  package.targets.append(
    .target(
      name: "CStediParquet", path: "Sources/CStediParquet",
      cxxSettings: [.unsafeFlags(["-I", pyarrow.directory + "/include", "-Wno-deprecated-declarations"])],
      linkerSettings: [
        .unsafeFlags(
          ["-L", pyarrow.directory] + pyarrow.libraries.map { "-l:" + $0 } + ["-Xlinker", "-rpath", "-Xlinker", pyarrow.directory])
      ]))
}

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
