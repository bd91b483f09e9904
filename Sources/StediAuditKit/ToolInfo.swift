/// The tool's name and version, recorded in the audit log and manifests.
public enum ToolInfo {
  public static let name = "stedi-audit"
  public static let version = "0.1.0"
}
