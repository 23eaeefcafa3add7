/** The report's stylesheet, inlined so the file opens from disk with no network. */
export const REPORT_CSS = `
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --card:#fff; --accent:#0072B2;
  --cold:#D55E00; --warm:#0072B2; --reuse:#009E73; --naive:#E69F00; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
main { max-width:1120px; margin:0 auto; padding:28px 24px 56px; }
header h1 { font-size:26px; margin:0 0 4px; letter-spacing:-.01em; }
header .meta { color:var(--muted); margin:0; }
.badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px; font-weight:600;
  letter-spacing:.04em; text-transform:uppercase; background:#e0ecf6; color:#084c7a; vertical-align:2px; }
.badge.aws { background:#fdebd3; color:#8a4b00; }
.callout { margin:16px 0 0; padding:10px 14px; border-left:4px solid var(--accent); background:#eaf3fa; border-radius:4px; }
.callout.warn { border-color:#b7791f; background:#fdf5e6; }
section { margin-top:34px; }
h2 { font-size:19px; margin:0 0 4px; }
h3 { font-size:15px; margin:0 0 10px; display:flex; gap:10px; align-items:baseline; }
h3 small { color:var(--muted); font-weight:400; }
.lead { color:var(--muted); margin:0 0 14px; max-width:80ch; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:18px 20px; margin-top:14px;
  box-shadow:0 1px 2px rgba(16,24,40,.04); }
.figures { display:grid; grid-template-columns:repeat(auto-fill,minmax(240px,1fr)); gap:12px; margin-top:14px; }
.figure { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:14px 16px; }
.figure .what { color:var(--muted); font-size:12.5px; }
.figure .big { font-size:28px; font-weight:650; letter-spacing:-.02em; font-variant-numeric:tabular-nums; }
.figure .ci { color:var(--muted); font-size:12.5px; font-variant-numeric:tabular-nums; }
.charts { display:grid; grid-template-columns:1fr 1fr; gap:8px 20px; }
figure { margin:0; }
figcaption { font-size:12.5px; font-weight:600; color:var(--muted); margin-bottom:2px; }
svg.chart { display:block; max-width:100%; height:auto; font-family:inherit; }
svg .grid { stroke:#edf0f3; }
svg .axis { stroke:#9aa5b1; }
svg .tick { fill:#7b8794; font-size:11px; font-variant-numeric:tabular-nums; }
svg .axis-title { fill:#7b8794; font-size:11px; }
svg .row-label { fill:#323f4b; font-size:12px; font-weight:500; }
svg .row-label.small { font-size:10.5px; font-weight:400; fill:#52606d; }
svg .empty { fill:#9aa5b1; font-size:11.5px; font-style:italic; }
svg .hit { fill:transparent; }
svg g[data-row]:hover .hit { fill:#f5f7fa; }
svg .dots circle { fill:var(--c); fill-opacity:.38; }
svg .whisker { stroke:var(--c); stroke-opacity:.55; stroke-width:1.2; }
svg .box { fill:var(--c); fill-opacity:.16; stroke:var(--c); stroke-width:1.4; }
svg .median { stroke:#1f2933; stroke-width:2.4; stroke-linecap:round; }
svg .mean { fill:#fff; stroke:#1f2933; stroke-width:1.3; }
svg .bar:hover, svg g[data-instance]:hover .span { filter:brightness(.85); }
svg .group-label { fill:#323f4b; font-size:12px; font-weight:600; }
svg .group-rule { stroke-width:3; stroke-linecap:round; }
svg .span.open { fill-opacity:.45; }
svg .invocation { stroke:#fff; stroke-opacity:.75; stroke-width:1; }
svg .count { fill:#52606d; font-size:10.5px; font-variant-numeric:tabular-nums; }
.legend { display:flex; flex-wrap:wrap; gap:6px 18px; font-size:12.5px; color:var(--muted); margin:6px 0 0; padding:0; list-style:none; }
.legend i { display:inline-block; width:11px; height:11px; border-radius:3px; margin-right:6px; vertical-align:-1px; }
.legend .shape { font-style:normal; color:var(--ink); margin-right:4px; }
table { border-collapse:collapse; width:100%; margin-top:12px; font-size:13px; }
th, td { padding:6px 10px; text-align:right; border-bottom:1px solid var(--line); white-space:nowrap; }
thead th { white-space:normal; vertical-align:bottom; }
.table-wrap { overflow-x:auto; }
th:first-child, td:first-child, th.text, td.text { text-align:left; }
thead th { font-size:11.5px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); font-weight:600;
  border-bottom:2px solid var(--line); }
tbody tr:nth-child(even) td { background:#fafbfc; }
td { font-variant-numeric:tabular-nums; }
td .ci, .muted { color:var(--muted); }
.ns { display:inline-block; margin-left:6px; padding:0 6px; border-radius:8px; background:#fff3bf; color:#5c3c00; font-size:11.5px; font-weight:600; }
td.center { text-align:center; }
.phase { display:inline-block; width:8px; height:8px; border-radius:50%; margin-right:7px; vertical-align:1px; }
tr.group-start td { border-top:2px solid var(--line); }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 18px; margin:0; }
dl.facts dt { color:var(--muted); }
dl.facts dd { margin:0; font-variant-numeric:tabular-nums; }
.columns { display:grid; grid-template-columns:repeat(3,1fr); gap:14px; }
.columns .card { margin-top:0; }
.methods { font-size:12.5px; color:var(--muted); max-width:95ch; }
.methods li { margin:3px 0; }
footer { margin-top:40px; font-size:12px; color:var(--muted); }
@media (max-width:900px) { .charts, .columns { grid-template-columns:1fr; } }
@media print { body { background:#fff; } .card, .figure { box-shadow:none; break-inside:avoid; } }
`;
