/// How the generator spells the same data: as the public export does, or with the type drift of
/// other published forms (`docs/semantics.md`, "Type drift"). Every form of one configuration
/// holds the same records, so every form must curate into the same trusted and curated rows.
public enum LandingForm: String, Hashable, Sendable, Codable, CaseIterable {
  /// As the public export: absent fields omitted, integer times, phone numbers as strings.
  case export
  /// As a Spark job that inferred the types writes it: absent optional customer fields as
  /// `null`, every valid row's times as integral floats (`1655564414415.0`), phone numbers as
  /// numbers.
  case drift
  /// `drift` with every top-level key lower-cased (`serialnumber`), as the Glue Data Catalog and
  /// Athena name columns; needs a policy with `input.key_match: case_insensitive`.
  case driftLowercaseKeys = "drift-lowercase-keys"

  /// Whether values are written with the type drift.
  var drifts: Bool { self != .export }
}
