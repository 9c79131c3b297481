// The home page (totals, search, ways in), and the paginated lists: servers, tools by risk and tools
// by category. Lists are fed page by page from spooled rows, so none needs the catalog in memory.
import { CATEGORIES, RISKS, type Category, type Risk } from '../types.ts';
import { html, visible, type SafeHtml } from './html.ts';
import { hrefFrom, renderLayout } from './render-layout.ts';
import { riskCell, serverLink } from './render-parts.ts';
import type { ToolSummary } from './site-data.ts';
import { sitePaths } from './site-paths.ts';

export const LIST_PAGE_SIZE = 500;

export interface SiteTotals {
  servers: number;
  tools: number;
  byRisk: Record<Risk, number>;
  byCategory: Record<Category, number>;
  unclassified: number;
}

export interface ServerSummary {
  id: string;
  slug: string;
  name: string;
  tools: number;
  worst: Risk | null;
  status: string;
}

export function renderHome(totals: SiteTotals): string {
  const path = sitePaths.index;
  const riskLinks = RISKS.map((r) => html`<li><a href="${sitePaths.risk(r)}">${r}</a>: ${totals.byRisk[r]} tools</li>`);
  const categoryLinks = CATEGORIES.map((c) => html`<li><a href="${sitePaths.category(c)}">${c}</a>: ${totals.byCategory[c]} tools</li>`);
  const body = html`<h1>MCP tool risk catalog</h1>
<p class="lead">${totals.tools} tools on ${totals.servers} MCP servers, each labelled Read, Write or Delete with a risk from Low to Critical, the evidence behind it, and the policy that should guard it.</p>
<section id="search" aria-labelledby="search-h"><h2 id="search-h">Search</h2>
<form role="search" class="search" action="${sitePaths.index}" data-index="${sitePaths.searchIndex}">
<label for="q">Tool or server name</label>
<input id="q" name="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="search-help" aria-controls="search-results">
<p id="search-help" class="muted">Search runs in your browser over a prebuilt index. Without JavaScript, browse by server, risk or category below.</p>
<ul id="search-results" class="results"></ul>
</form></section>
<section aria-labelledby="by-risk"><h2 id="by-risk">By risk</h2><ul>${riskLinks}${
    totals.unclassified > 0 ? html`<li><a href="${sitePaths.unclassified()}">Not classified</a>: ${totals.unclassified} tools</li>` : ''
  }</ul></section>
<section aria-labelledby="by-category"><h2 id="by-category">By category</h2><ul>${categoryLinks}</ul></section>
<section aria-labelledby="by-server"><h2 id="by-server">By server</h2><p><a href="${sitePaths.servers()}">All ${totals.servers} servers</a>, with their tool counts and highest risk.</p></section>
<section aria-labelledby="api"><h2 id="api">Static API</h2><p>Every page has a JSON twin under <code>api/</code>: <code>api/servers/&lt;server&gt;.json</code> and <code>api/tools/&lt;server&gt;/&lt;tool&gt;.json</code>; <a href="${sitePaths.searchIndex}">search-index.json</a> lists them all.</p></section>`;
  return renderLayout({ path, title: 'MCP tool risk catalog', description: `Risk, category and policy for ${totals.tools} MCP tools.`, body });
}

export interface ListPage<T> {
  page: number;
  pages: number;
  total: number;
  entries: readonly T[];
}

function pager(path: string, page: number, pages: number, href: (n: number) => string): SafeHtml {
  if (pages <= 1) return html``;
  const links = Array.from({ length: pages }, (_, i) => i + 1).map((n) =>
    n === page ? html`<li><span aria-current="page">${n}</span></li>` : html`<li><a href="${hrefFrom(path, href(n))}">${n}</a></li>`,
  );
  return html`<nav class="pager" aria-label="Pages"><ol>${links}</ol></nav>`;
}

export type ToolListKind = { kind: 'risk'; risk: Risk } | { kind: 'category'; category: Category } | { kind: 'unclassified' };

export function toolListPath(list: ToolListKind, page: number): string {
  if (list.kind === 'risk') return sitePaths.risk(list.risk, page);
  if (list.kind === 'category') return sitePaths.category(list.category, page);
  return sitePaths.unclassified(page);
}

export function renderToolList(list: ToolListKind, data: ListPage<ToolSummary>): string {
  const path = toolListPath(list, data.page);
  const title = list.kind === 'risk' ? `${list.risk} risk tools` : list.kind === 'category' ? `${list.category} tools` : 'Tools not classified yet';
  const siblings =
    list.kind === 'risk' || list.kind === 'unclassified'
      ? RISKS.map((r) => html`<li><a href="${hrefFrom(path, sitePaths.risk(r))}"${list.kind === 'risk' && list.risk === r ? html` aria-current="page"` : ''}>${r}</a></li>`)
      : CATEGORIES.map((c) => html`<li><a href="${hrefFrom(path, sitePaths.category(c))}"${list.category === c ? html` aria-current="page"` : ''}>${c}</a></li>`);
  const rows = data.entries.map(
    (t) => html`<tr><th scope="row"><a href="${hrefFrom(path, t.path)}"><code>${visible(t.name)}</code></a></th><td>${visible(t.serverName)}</td><td>${t.category ?? '—'}</td><td>${riskCell(t.risk)}</td></tr>`,
  );
  const body = html`<h1>${title}</h1>
<nav class="tabs" aria-label="${list.kind === 'category' ? 'Categories' : 'Risk levels'}"><ul>${siblings}</ul></nav>
<p>${data.total} tools${data.pages > 1 ? `, page ${data.page} of ${data.pages}` : ''}.</p>
${data.total === 0 ? html`<p>None.</p>` : html`<div class="table-wrap"><table><caption>${title}, by server</caption>
<thead><tr><th scope="col">Tool</th><th scope="col">Server</th><th scope="col">Category</th><th scope="col">Risk</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
${pager(path, data.page, data.pages, (n) => toolListPath(list, n))}`;
  return renderLayout({ path, title: data.page > 1 ? `${title} (page ${data.page})` : title, description: `${data.total} ${title}.`, body, breadcrumbs: [{ label: title }] });
}

export function renderServerList(data: ListPage<ServerSummary>): string {
  const path = sitePaths.servers(data.page);
  const rows = data.entries.map(
    (s) => html`<tr><th scope="row">${serverLink(path, s.slug, s.name)}</th><td>${s.tools}</td><td>${riskCell(s.worst)}</td><td>${s.status}</td></tr>`,
  );
  const body = html`<h1>Servers</h1>
<p>${data.total} servers${data.pages > 1 ? `, page ${data.page} of ${data.pages}` : ''}.</p>
<div class="table-wrap"><table><caption>Every server, with its tool count, highest risk and last crawl status</caption>
<thead><tr><th scope="col">Server</th><th scope="col">Tools</th><th scope="col">Highest risk</th><th scope="col">Last crawl</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${pager(path, data.page, data.pages, (n) => sitePaths.servers(n))}`;
  return renderLayout({ path, title: 'Servers', description: `${data.total} MCP servers and their risk.`, body, breadcrumbs: [{ label: 'Servers' }] });
}
