/// The inline style sheet of the HTML report: system fonts only (nothing is fetched), colours
/// with at least 4.5:1 contrast, and a print layout (`@media print`).
enum ReportStyle {
  static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f6f8fa; color: #1f2328; line-height: 1.45;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
        sans-serif; }
    main { max-width: 980px; margin: 0 auto; padding: 24px 28px 40px; background: #ffffff; }
    h1 { font-size: 1.7rem; margin: 0 0 4px; }
    h2 { font-size: 1.25rem; margin: 0 0 10px; padding-bottom: 4px;
      border-bottom: 1px solid #d0d7de; }
    h3 { font-size: 1.02rem; margin: 18px 0 8px; }
    section { margin: 28px 0 0; }
    p { margin: 6px 0; }
    code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono",
      monospace; font-size: 0.86em; overflow-wrap: break-word; }
    .muted { color: #57606a; }
    .subtitle { color: #57606a; margin: 0 0 14px; }
    table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.93rem; }
    th, td { border: 1px solid #d0d7de; padding: 5px 8px; text-align: left; vertical-align: top; }
    thead th { background: #f6f8fa; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.kv th { width: 30%; background: #f6f8fa; font-weight: 600; }
    .verdict { border: 2px solid; border-radius: 6px; padding: 10px 14px; font-size: 1.05rem;
      margin: 12px 0; }
    .verdict.pass { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
    .verdict.fail { background: #ffebe9; border-color: #cf222e; color: #82071e; }
    .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 14px 0 0; }
    .card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; }
    .card .value { font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
    .card .name { color: #57606a; font-size: 0.85rem; }
    .hazard { background: #fff8c5; border: 1px solid #9a6700; border-left-width: 6px;
      border-radius: 6px; padding: 10px 14px; margin: 8px 0; }
    .hazard strong { color: #6e4a00; }
    .ok { color: #0f5323; font-weight: 600; }
    .bad { color: #a40e26; font-weight: 600; }
    .tick { font-weight: 700; width: 2.2em; text-align: center; }
    figure { margin: 10px 0; }
    figcaption { color: #57606a; font-size: 0.88rem; margin-top: 4px; }
    svg.chart { display: block; width: 100%; height: auto; max-width: 760px; }
    details summary { cursor: pointer; color: #0550ae; margin: 6px 0; }
    pre.policy-diff { background: #f6f8fa; border: 1px solid #d0d7de; padding: 8px 12px;
      overflow-x: auto; font-size: 0.85rem; line-height: 1.4; }
    pre.policy-diff ins { display: block; text-decoration: none; background: #dafbe1; }
    pre.policy-diff del { display: block; text-decoration: none; background: #ffebe9; }
    pre.policy-diff span { display: block; }
    footer { margin-top: 32px; color: #57606a; font-size: 0.85rem; border-top: 1px solid #d0d7de;
      padding-top: 8px; }
    @page { size: A4; margin: 14mm; }
    @media print {
      body { background: #ffffff; font-size: 10pt; }
      main { max-width: none; padding: 0; }
      table { width: calc(100% - 2px); }
      section { break-inside: avoid-page; }
      h2, h3 { break-after: avoid; }
      figure, table, .hazard, .verdict { break-inside: avoid; }
      .cards { grid-template-columns: repeat(4, 1fr); }
      details summary { display: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @media (max-width: 640px) { .cards { grid-template-columns: repeat(2, 1fr); } }
    """
}
