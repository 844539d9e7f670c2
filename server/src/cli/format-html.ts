/**
 * The scaling report: one self-contained HTML page (no scripts, no network) grouping findings by the
 * route or entry point they sit on, so a team lead sees which endpoints to fix first.
 */
import type { Rule } from '../../../rules/api';
import { getVersion } from '../engine/docs';
import { countBySeverity, type Report, type ReportedFinding } from './report';

/** The column a rule's findings fill, in the order the table shows them. */
const CATEGORIES: { ruleId: string; label: string; color: string }[] = [
  { ruleId: 'sync-blocking-call', label: 'Blocking calls', color: '#d1495b' },
  { ruleId: 'missing-timeout', label: 'Unbounded waits', color: '#edae49' },
  { ruleId: 'n-plus-one-query', label: 'Per-element queries', color: '#00798c' },
  { ruleId: 'handler-memory-state', label: 'State written', color: '#6a4c93' },
];
const OTHER = { label: 'Other', color: '#8d99ae' };
export const NO_ROUTE = 'No request path (startup, shared clients, jobs)';

/** The route a finding sits on: the related location of its entry point says "<route> registered here". */
export function routeOf(f: ReportedFinding): string {
  for (const r of f.related) {
    const m = /^(.*) registered here$/.exec(r.label);
    if (m) return m[1];
  }
  return NO_ROUTE;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function formatHtmlReport(report: Report, rules: readonly Rule[]): string {
  const categories = [...CATEGORIES.filter((c) => rules.some((r) => r.id === c.ruleId)), OTHER];
  const categoryOf = (f: ReportedFinding) => categories.find((c) => 'ruleId' in c && c.ruleId === f.ruleId) ?? OTHER;
  const byRoute = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) byRoute.set(routeOf(f), [...(byRoute.get(routeOf(f)) ?? []), f]);
  const routes = [...byRoute].sort((a, b) => (a[0] === NO_ROUTE ? 1 : b[0] === NO_ROUTE ? -1 : b[1].length - a[1].length || a[0].localeCompare(b[0])));
  const byFolder = new Map<string, number>();
  for (const f of report.findings) {
    const folder = f.file.split('/').slice(0, -1).slice(0, 2).join('/') || '.';
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
  }
  const counts = countBySeverity(report.findings);
  const perCategory = categories.map((c) => ({ ...c, n: report.findings.filter((f) => categoryOf(f) === c).length })).filter((c) => c.n > 0 || c !== OTHER);
  const shown = categories.filter((c) => c !== OTHER || perCategory.some((p) => p.label === OTHER.label));

  const chartRoutes = routes.filter(([r]) => r !== NO_ROUTE).slice(0, 10);
  const max = Math.max(1, ...chartRoutes.map(([, fs]) => fs.length));
  const barWidth = 420;
  const chart = chartRoutes
    .map(([route, fs], i) => {
      let x = 260;
      const segments = categories
        .map((c) => {
          const n = fs.filter((f) => categoryOf(f) === c).length;
          if (n === 0) return '';
          const w = (n / max) * barWidth;
          const rect = `<rect x="${x.toFixed(1)}" y="${i * 26 + 4}" width="${w.toFixed(1)}" height="18" fill="${c.color}"><title>${escape(c.label)}: ${n}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<text x="252" y="${i * 26 + 17}" text-anchor="end">${escape(route.length > 38 ? `${route.slice(0, 37)}…` : route)}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${i * 26 + 17}">${fs.length}</text>`;
    })
    .join('');

  const rows = routes
    .map(([route, fs]) => {
      const cells = shown.map((c) => {
        const n = fs.filter((f) => categoryOf(f) === c).length;
        return `<td class="num">${n || ''}</td>`;
      });
      const details = fs
        .map((f) => `<li><code>${escape(f.file)}:${f.start.line}:${f.start.column}</code> <span class="rule" style="border-color:${categoryOf(f).color}">${escape(f.ruleId)}</span> ${escape(f.message)}</li>`)
        .join('');
      return `<tr><td><details><summary>${escape(route)}</summary><ul>${details}</ul></details></td>${cells.join('')}<td class="num total">${fs.length}</td></tr>`;
    })
    .join('\n');

  const folders = [...byFolder]
    .sort((a, b) => b[1] - a[1])
    .map(([folder, n]) => `<tr><td><code>${escape(folder)}</code></td><td class="num">${n}</td></tr>`)
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scalelint scaling report</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1d2430; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
  .meta { color: #5c6573; }
  .cards { display: flex; gap: .8rem; flex-wrap: wrap; margin: 1rem 0; }
  .card { border: 1px solid #dde2ea; border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
  .card b { display: block; font-size: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #e6e9ef; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f5f7fa; font-weight: 600; }
  .num { text-align: right; width: 7rem; font-variant-numeric: tabular-nums; } .total { font-weight: 600; }
  summary { cursor: pointer; font-weight: 600; }
  ul { margin: .4rem 0 .2rem; padding-left: 1.2rem; } li { margin: .25rem 0; color: #374151; }
  .rule { border-left: 4px solid; padding-left: .3rem; font-size: .85em; color: #5c6573; }
  svg text { font-size: 12px; fill: #1d2430; }
  .legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; }
</style>
</head>
<body>
<h1>Scaling report</h1>
<p class="meta">${escape(report.base)} · ${report.filesAnalyzed} files analysed · Scalelint ${escape(getVersion())}</p>
<div class="cards">
  <div class="card"><b>${report.findings.length}</b>findings</div>
  <div class="card"><b>${routes.filter(([r]) => r !== NO_ROUTE).length}</b>routes and entry points affected</div>
  ${perCategory.map((c) => `<div class="card" style="border-left: 4px solid ${c.color}"><b>${c.n}</b>${escape(c.label)}</div>`).join('\n  ')}
  <div class="card"><b>${counts.error}</b>errors</div>
</div>
<h2>Routes with the most findings</h2>
<p class="legend">${shown.map((c) => `<span><i style="background:${c.color}"></i>${escape(c.label)}</span>`).join('')}</p>
<svg role="img" aria-label="Findings per route" width="760" height="${chartRoutes.length * 26 + 8}">${chart}</svg>
<h2>By route or entry point</h2>
<table>
<thead><tr><th>Route or entry point</th>${shown.map((c) => `<th class="num">${escape(c.label)}</th>`).join('')}<th class="num">Total</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>By folder</h2>
<table><thead><tr><th>Folder</th><th class="num">Findings</th></tr></thead><tbody>${folders}</tbody></table>
</body>
</html>
`;
}
