import ArgumentParser

/// Flags shared by the commands that log.
struct OutputOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Log progress details on stderr.")
  var verbose = false

  @Flag(name: .shortAndLong, help: "Print nothing but errors (and the --json output, or the audit head of run and withdraw).")
  var quiet = false

  @Flag(help: "Show a progress line on stderr even when it is not a terminal.")
  var progress = false
}

