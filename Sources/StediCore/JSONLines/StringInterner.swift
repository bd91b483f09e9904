/// One shared `String` per distinct value among the strings one thread decodes: the same email
/// or serial number comes back on every reading of a customer, and a fresh heap string per row
/// cost an allocation on the reading thread and a free on the deciding one.
///
/// Open addressing over a fixed table: strings of up to 64 bytes without escapes are interned,
/// others made as usual. When half of its 65,536 slots are used the table starts afresh, so its
/// memory is bounded. Not thread-safe: each reading thread has its own (`LineScratch`).
public struct StringInterner {
  private var slots: [String?] = []
  private var hashes: [UInt64] = []
  private var used = 0
  private let enabled: Bool
  private static let size = 1 << 16
  private static let longest = 64

  public init() { enabled = true }

  private init(enabled: Bool) { self.enabled = enabled }

  /// An interner that interns nothing (for one line decoded on its own: no table is made).
  public static var off: StringInterner { StringInterner(enabled: false) }

  /// The string of `raw`: an earlier equal one if interned, else a new one (then interned).
  public mutating func string(_ raw: RawJSONString) -> String {
    let bytes = raw.bytes
    guard enabled, !raw.hasEscapes, bytes.count <= Self.longest else { return raw.makeString() }
    if slots.isEmpty || used >= Self.size / 2 {
      slots = Array(repeating: nil, count: Self.size)
      hashes = Array(repeating: 0, count: Self.size)
      used = 0
    }
    // FNV-1a over the bytes.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let mask = Self.size - 1
    var index = Int(truncatingIfNeeded: hash) & mask
    while let candidate = slots[index] {
      if hashes[index] == hash, Self.equal(candidate, bytes) { return candidate }
      index = (index + 1) & mask
    }
    let made = raw.makeString()
    slots[index] = made
    hashes[index] = hash
    used += 1
    return made
  }

  private static func equal(_ string: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var string = string
    return string.withUTF8 { utf8 in
      guard utf8.count == bytes.count else { return false }
      for index in 0..<bytes.count where utf8[index] != bytes[index] { return false }
      return true
    }
  }
}

/// What decoding a line needs besides the line, kept by the thread that reads: the coercions
/// of the line (reset per line) and the thread's string interner.
public struct LineScratch {
  public var coercions = Coercions()
  public var strings = StringInterner()

  public init() {}
}

/// A landing record decoded from one JSON line with interned strings; the overloads without an
/// interner, or with a reading thread's `LineScratch`.
public protocol InterningLineDecoder {
  static func decode(
    line: UnsafeRawBufferPointer, options: LineDecodingOptions, coercions: inout Coercions,
    strings: inout StringInterner
  ) -> Result<Self, RowError>
}

extension InterningLineDecoder {
  /// Decodes one line on its own (no interning).
  public static func decode(
    line: UnsafeRawBufferPointer, options: LineDecodingOptions = .standard, coercions: inout Coercions
  ) -> Result<Self, RowError> {
    var strings = StringInterner.off
    return decode(line: line, options: options, coercions: &coercions, strings: &strings)
  }

  /// Decodes one line with `scratch`'s coercions and interned strings (the reading thread's).
  public static func decode(
    line: UnsafeRawBufferPointer, options: LineDecodingOptions, scratch: inout LineScratch
  ) -> Result<Self, RowError> {
    decode(line: line, options: options, coercions: &scratch.coercions, strings: &scratch.strings)
  }
}
