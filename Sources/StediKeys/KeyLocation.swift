public import Foundation

/// Where the secret keys live by default: a per-user key folder outside every workspace.
///
/// ```swift
/// let folder = try KeyLocation.defaultFolder(environment: ProcessInfo.processInfo.environment)
/// // $STEDI_AUDIT_KEYS, else $XDG_CONFIG_HOME/stedi-audit/keys, else ~/.config/stedi-audit/keys
/// ```
public enum KeyLocation {
  /// The environment variable naming the key folder.
  public static let variable = "STEDI_AUDIT_KEYS"

  /// `$STEDI_AUDIT_KEYS` if set, else `$XDG_CONFIG_HOME/stedi-audit/keys`, else
  /// `$HOME/.config/stedi-audit/keys`.
  ///
  /// - Throws: `KeyError.noKeyFolder` if none of the three is set (or all are empty).
  public static func defaultFolder(environment: [String: String]) throws(KeyError) -> URL {
    func value(_ name: String) -> String? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      return text
    }
    if let folder = value(variable) { return URL(fileURLWithPath: folder, isDirectory: true) }
    if let config = value("XDG_CONFIG_HOME") {
      return URL(fileURLWithPath: config, isDirectory: true).appendingPathComponent("stedi-audit/keys")
    }
    if let home = value("HOME") {
      return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config/stedi-audit/keys")
    }
    throw .noKeyFolder
  }

  /// The folder a flag names, else the default one.
  ///
  /// - Throws: `KeyError.noKeyFolder` as `defaultFolder(environment:)`.
  public static func folder(_ explicit: URL?, environment: [String: String]) throws(KeyError) -> URL {
    if let explicit { return explicit }
    return try defaultFolder(environment: environment)
  }
}
