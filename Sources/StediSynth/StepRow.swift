/// One planned step-trainer line.
struct StepRow: Hashable, Sendable {
  var slot: Int32
  /// A serial of `SynthPlan.serials`, or -1 for an unregistered device (`unknownSerial`).
  var serial: Int32
  var unknownSerial: UUIDBits
  var distance: Int16
  var style: RowStyle
  /// Set when the line must be quarantined.
  var defect: ReadingDefect?
}
