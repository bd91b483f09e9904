public import StediCore
public import Foundation

/// Errors of signed manifests.
///
/// Messages name fields, key ids and payload types, never payload contents.
public enum ManifestError: LocalizedError, Equatable, Sendable {
  /// The bytes are not a DSSE envelope; the reason names the field, not its value.
  case malformedEnvelope(reason: String)
  /// The envelope's payload type is not the expected one.
  case wrongPayloadType(expected: String, found: String)
  /// No signature has the key id of a trusted key.
  case noTrustedSignature(found: [String], trusted: [String])
  /// Signatures claim trusted key ids, but none verifies over the payload.
  case badSignature(keyIDs: [String])
  /// The envelope could not be encoded.
  case encodingFailed(reason: String)

  public var errorDescription: String? {
    switch self {
    case .malformedEnvelope(let reason): "malformed DSSE envelope: \(reason)"
    case .wrongPayloadType(let expected, let found):
      "DSSE payload type is \(Self.quoted(found)), expected \(Self.quoted(expected))"
    case .noTrustedSignature(let found, let trusted):
      "no signature by a trusted key: the envelope is signed by \(Self.list(found)); "
        + "trusted: \(Self.list(trusted))"
    case .badSignature(let keyIDs):
      "bad signature by \(Self.list(keyIDs)): the payload or its type was changed after signing"
    case .encodingFailed(let reason): "cannot encode DSSE envelope: \(reason)"
    }
  }

  /// An untrusted string, escaped and cut to 80 characters, so it can't forge terminal output.
  private static func quoted(_ text: String) -> String {
    let cut = text.count > 80 ? String(text.prefix(80)) + "…" : text
    return cut.debugDescription
  }

  private static func list(_ keyIDs: [String]) -> String {
    guard !keyIDs.isEmpty else { return "no key" }
    let shown = keyIDs.prefix(8).map { quoted($0) }.joined(separator: ", ")
    return keyIDs.count > 8 ? shown + " and \(keyIDs.count - 8) more" : shown
  }
}

extension ManifestError: ClassifiedError {
  public var errorClass: ErrorClass {
    // A manifest that does not verify is reported by `verify`'s checks; thrown, it is a bug.
    .internal
  }
}
