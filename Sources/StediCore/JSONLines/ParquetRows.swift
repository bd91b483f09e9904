#if STEDI_PARQUET
  import CStediParquet
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parquet files read as JSON lines: each row is the JSON object of its columns (in file order;
/// strings, integers, floating-point numbers, booleans and nulls; timestamps as epoch
/// milliseconds), so that a Parquet row is decoded by exactly the rules of the same row written
/// as JSON (`docs/semantics.md`). Row numbers count from 1, like line numbers.
///
/// An opt-in of the build: `scripts/setup-parquet` installs Arrow's Parquet library, and the
/// package then defines `STEDI_PARQUET` (see Package.swift).
public enum ParquetRows {
  /// Whether this build reads Parquet.
  public static var isAvailable: Bool {
    #if STEDI_PARQUET
      true
    #else
      false
    #endif
  }

  /// How to enable Parquet, for one-line errors.
  public static let enableHint =
    "Parquet support is not built in: run scripts/setup-parquet, then build with STEDI_AUDIT_PARQUET=1"

  /// Whether the file at `path` starts with Parquet's magic bytes (`PAR1`).
  public static func isParquet(path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var magic: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    let count = withUnsafeMutableBytes(of: &magic) { read(descriptor, $0.baseAddress, 4) }
    return count == 4 && magic == (0x50, 0x41, 0x52, 0x31)
  }

  /// Calls `body` with every row's number (from 1) and its JSON bytes (valid during the call).
  ///
  /// - Returns: the number of rows.
  /// - Throws: ``StediCoreError/cannotRead(path:reason:)`` if the file is not a readable Parquet
  ///   file, has a column that is not a flat value, or this build lacks Parquet; any error of
  ///   `body` (which stops the reading).
  @discardableResult
  public static func forEachRow(
    path: String, _ body: (_ rowNumber: Int, _ row: UnsafeRawBufferPointer) throws -> Void
  ) throws -> Int {
    #if STEDI_PARQUET
      return try withoutActuallyEscaping(body) { body in
        let state = RowState(body: body)
        var error = [CChar](repeating: 0, count: 512)
        let rows = withExtendedLifetime(state) {
          stedi_parquet_read_rows(path, { context, json, length in
            guard let context, let json else { return 1 }
            let state = Unmanaged<RowState>.fromOpaque(context).takeUnretainedValue()
            state.number += 1
            do {
              try state.body(state.number, UnsafeRawBufferPointer(start: json, count: length))
              return 0
            } catch {
              state.failure = error
              return 1
            }
          }, Unmanaged.passUnretained(state).toOpaque(), &error, error.count)
        }
        if let failure = state.failure { throw failure }
        guard rows >= 0 else {
          let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
          throw StediCoreError.cannotRead(path: path, reason: reason)
        }
        return Int(rows)
      }
    #else
      throw StediCoreError.cannotRead(path: path, reason: "a Parquet file; " + enableHint)
    #endif
  }
}

extension ParquetRows {
  /// Writes a JSON-lines file of flat objects with exactly these columns as a Parquet file of
  /// these columns and types (nullable, Snappy), streaming; the same rows give the same bytes.
  ///
  /// - Returns: the number of rows written.
  /// - Throws: ``StediCoreError/cannotWrite(path:reason:)`` if the rows can't be read as those
  ///   columns or the file can't be written, or this build lacks Parquet.
  @discardableResult
  public static func write(
    jsonLines source: String, to path: String, columns: [(name: String, type: ColumnType)]
  ) throws(StediCoreError) -> Int {
    #if STEDI_PARQUET
      var error = [CChar](repeating: 0, count: 512)
      let types: [Int32] = columns.map {
        switch $0.type {
        case .text: 0
        case .integer: 1
        case .real: 2
        }
      }
      let names = columns.map { strdup($0.name) }
      defer { names.forEach { free($0) } }
      let rows = names.map { UnsafePointer($0) }.withUnsafeBufferPointer { names in
        types.withUnsafeBufferPointer { types in
          stedi_parquet_write_jsonl(source, path, names.baseAddress, types.baseAddress, columns.count, &error, error.count)
        }
      }
      guard rows >= 0 else {
        let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw .cannotWrite(path: path, reason: reason)
      }
      return Int(rows)
    #else
      throw .cannotWrite(path: path, reason: enableHint)
    #endif
  }
}

#if STEDI_PARQUET
  /// The Swift side of the row callback.
  private final class RowState {
    let body: (Int, UnsafeRawBufferPointer) throws -> Void
    var number = 0
    var failure: (any Error)?

    init(body: @escaping (Int, UnsafeRawBufferPointer) throws -> Void) { self.body = body }
  }
#endif
