import StediCore

/// Key spelling of the drifted forms.
enum KeyCase {
  /// Lower-cases (ASCII) the top-level keys of the JSON object in `buffer[start...]`; leaves a
  /// row that is not a valid object as it is (a planted defect stays that defect).
  static func lowercaseTopLevelKeys(in buffer: inout [UInt8], from start: Int) {
    buffer.withUnsafeMutableBytes { whole in
      guard let base = whole.baseAddress, start < whole.count else { return }
      var keys: [Range<Int>] = []
      var scanner = FlatJSONScanner(UnsafeRawBufferPointer(rebasing: whole[start...]))
      do throws(JSONScanError) {
        while let member = try scanner.nextMember() {
          guard let key = member.key.bytes.baseAddress else { continue }
          let offset = UnsafeRawPointer(base).distance(to: key)
          keys.append(offset..<offset + member.key.bytes.count)
        }
      } catch {
        return
      }
      for range in keys {
        for index in range where whole[index] >= UInt8(ascii: "A") && whole[index] <= UInt8(ascii: "Z") {
          whole[index] |= 0x20
        }
      }
    }
  }
}
