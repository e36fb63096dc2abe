/** The page's stylesheet: a journal's figure pages — serif text, quiet tables, figures set off by rules. */
export const STYLE = `
:root { --ink:#1b1b1b; --muted:#6a6a6a; --rule:#d9d9d9; --pass:#1a7f37; --fail:#cf222e; --stale:#9a6700; --bg:#fff; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f3ef; color: var(--ink); font: 16px/1.5 Georgia, 'Times New Roman', serif; }
main { max-width: 1060px; margin: 0 auto; background: var(--bg); padding: 40px 56px 64px; box-shadow: 0 0 0 1px #e4e2dc; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; font-weight: normal; }
h2 { font-size: 21px; font-weight: normal; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin: 44px 0 6px; }
h3 { font-size: 17px; margin: 0 0 6px; font-weight: normal; }
.figno { font-weight: bold; }
.lede { color: var(--muted); margin: 0 0 8px; }
.citation { color: var(--muted); font-style: italic; margin: 0 0 16px; }
sup { line-height: 0; font-size: 75%; }
code { font: 12.5px/1.4 ui-monospace, 'DejaVu Sans Mono', Menlo, monospace; }
table { border-collapse: collapse; font: 13px/1.4 'Helvetica Neue', Helvetica, Arial, sans-serif; }
th { text-align: left; font-weight: 600; border-bottom: 1px solid var(--ink); padding: 4px 10px 4px 0; }
td { border-bottom: 1px solid #eee; padding: 3px 10px 3px 0; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.status { white-space: nowrap; font-weight: 600; }
td.status.pass { color: var(--pass); } td.status.fail { color: var(--fail); }
td.status.not-evaluated, td.status.not-run { color: var(--muted); font-weight: normal; font-style: italic; }
tr.not-evaluated td, tr.not-run td { color: var(--muted); }
td .spec { color: var(--muted); font-size: 11px; white-space: nowrap; }
td .reason { color: var(--muted); font-size: 11.5px; font-style: italic; }
td.margin { white-space: nowrap; }
td.margin .bar { display: inline-block; width: 34px; height: 7px; margin-right: 5px; background: #eceae4; vertical-align: 0; }
td.margin .bar i { display: block; height: 100%; background: #8aa88f; }
td.margin.over { color: var(--fail); font-weight: 600; } td.margin.over .bar i { background: var(--fail); }
td.then.changed { color: #8250df; }
span.pass { color: var(--pass); } span.fail { color: var(--fail); font-weight: 600; }
table.figures td.fig { white-space: nowrap; }
details.all-checks { margin: 14px 0; font: 13px/1.4 'Helvetica Neue', Helvetica, Arial, sans-serif; }
details.all-checks > summary { cursor: pointer; color: #0550ae; }
.failing ul { margin: 4px 0 0; padding-left: 20px; columns: 2; column-gap: 30px; } .failing li { break-inside: avoid; }
.compare-summary { font: 13.5px/1.5 'Helvetica Neue', Helvetica, Arial, sans-serif; background: #f5f0ff; border-left: 3px solid #8250df; padding: 6px 10px; margin: 10px 0; }
.compare-summary ul { margin: 2px 0 4px; padding-left: 20px; }
.caption.compare { color: #555; font-size: 13px; }
.instance-card { position: fixed; right: 16px; bottom: 16px; max-width: 520px; max-height: 60vh; overflow: auto; background: #fff; border: 1px solid #bbb; box-shadow: 0 4px 18px rgba(0,0,0,.18); padding: 10px 14px; font: 12.5px/1.5 'Helvetica Neue', Helvetica, Arial, sans-serif; z-index: 10; }
.instance-card h4 { margin: 0 0 4px; font-size: 13px; } .instance-card button { float: right; border: 0; background: none; font-size: 16px; cursor: pointer; }
.instance-card table { font-size: 12px; }
tr.fail td { background: #fff4f4; }
tr.missing td { color: var(--muted); font-style: italic; }
table.checks { width: 100%; margin: 10px 0; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 6px 24px; margin: 12px 0; font: 13px/1.4 'Helvetica Neue', Helvetica, Arial, sans-serif; }
.facts dt { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
.facts dd { margin: 0; }
.failing { font: 13px/1.5 'Helvetica Neue', Helvetica, Arial, sans-serif; color: var(--fail); background: #fff4f4; border-left: 3px solid var(--fail); padding: 6px 10px; }
.failing a { color: var(--fail); }
.note { font: 13px/1.5 'Helvetica Neue', Helvetica, Arial, sans-serif; background: #f6f6ee; border-left: 3px solid #b8a84a; padding: 6px 10px; }
.stats { font: 14px/1.4 'Helvetica Neue', Helvetica, Arial, sans-serif; }
.stat.ok b { color: var(--pass); } .stat.fail b { color: var(--fail); } .stat.stale b { color: var(--stale); } .stat.missing b { color: var(--fail); }
.toc { font: 13px/1.6 'Helvetica Neue', Helvetica, Arial, sans-serif; columns: 2; column-gap: 40px; margin: 8px 0 0; padding-left: 22px; }
.toc li { break-inside: avoid; }
.paper { margin-top: 12px; }
.figure { border-top: 1px solid var(--rule); padding: 22px 0 10px; }
/* Off-screen figures skip layout and paint: each chart drawn in the background then costs the page little. */
.figure { content-visibility: auto; contain-intrinsic-size: auto 900px; }
.figure.missing h3, .figure.invalid h3 { color: var(--muted); }
.claim { margin: 4px 0 12px; }
.view { margin: 8px 0 4px; min-height: 40px; overflow-x: auto; }
/* A chart not drawn yet (they draw one by one) holds about a chart's height, so the page shifts little. */
.view:not([data-drawn]) { min-height: 480px; }
.view.error { color: var(--fail); font-style: italic; }
.caption { font-size: 14px; margin: 4px 0 8px; }
.notes { font-size: 13px; color: var(--muted); margin: 6px 0; padding-left: 18px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.badge { display: inline-block; font: 600 11px/1.6 'Helvetica Neue', Helvetica, Arial, sans-serif; padding: 0 7px; border-radius: 9px; vertical-align: 2px; margin-left: 4px; border: 1px solid; }
.badge.stale { color: var(--stale); background: #fff8c5; border-color: #d4a72c; }
.badge.missing { color: #fff; background: #6e7781; border-color: #6e7781; }
.badge.pass { color: var(--pass); background: #dafbe1; border-color: #9be9a8; }
.badge.fail { color: var(--fail); background: #ffebe9; border-color: #ff8182; }
.badge.changed { color: #8250df; background: #fbefff; border-color: #d8b9ff; }
.badge.unjudged { color: var(--muted); background: #f6f8fa; border-color: #d0d7de; }
.badge.dirty { color: var(--stale); background: #fff8c5; border-color: #d4a72c; }
.provenance { font: 11.5px/1.7 'Helvetica Neue', Helvetica, Arial, sans-serif; color: var(--muted); margin: 8px 0 0; }
.provenance > span { margin-right: 14px; white-space: nowrap; }
.provenance code { font-size: 11px; color: #444; }
.provenance details { display: inline; } .provenance summary { display: inline; cursor: pointer; }
.provenance table.params { margin: 4px 0 0 16px; font-size: 11.5px; }
footer { margin-top: 40px; font-size: 13px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 10px; }
@media print { body { background: #fff; } main { box-shadow: none; padding: 0; } .figure { break-inside: avoid; content-visibility: visible; } }
`;
