/** The report's stylesheet, inlined in the page. */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1f2d3a; --muted: #5b6b7a; --line: #e3e8ee; --accent: #2f6fb3; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { background: white; border-bottom: 1px solid var(--line); padding: 18px 28px 10px; }
h1 { margin: 0 0 4px; font-size: 22px; }
h1 .asof { color: var(--muted); font-weight: normal; }
h2 { margin: 28px 0 10px; font-size: 18px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
h3 { margin: 0 0 8px; font-size: 15px; }
main { padding: 0 28px 28px; }
nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
code { font-size: 12px; background: #eef2f6; padding: 1px 4px; border-radius: 3px; }
.meta { color: var(--muted); margin: 4px 0 10px; }
.notes { background: #fff8e1; border: 1px solid #f0d98c; padding: 8px 8px 8px 28px; border-radius: 4px; }
.unavailable { background: #eef2f6; border-left: 4px solid var(--muted); padding: 8px 12px; border-radius: 2px; }
.grid { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.card { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; max-width: 100%; overflow-x: auto; }
figure.chart { margin: 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
/* The caption wraps at the chart's width instead of widening the figure. */
figcaption { color: var(--muted); font-size: 12px; width: 0; min-width: 100%; margin-top: 4px; }
table { border-collapse: collapse; margin-top: 10px; font-size: 12px; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th[scope=row], thead th:first-child { text-align: left; font-weight: normal; }
thead th { color: var(--muted); font-weight: 600; }
.persona { width: 320px; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
`;
