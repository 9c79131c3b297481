// One server's page: every tool with its category and risk, the risk distribution, the three
// capability legs of the lethal trifecta (and a warning when this one server holds all three), the
// whole-server policy, how to launch it, where it came from, and its last crawl.
import { RISKS, type Risk, type Tag } from '../types.ts';
import { html, visible, visibleText, type SafeHtml } from './html.ts';
import { policyExports } from './policy-exports.ts';
import { launchSection } from './render-launch.ts';
import { renderLayout } from './render-layout.ts';
import { dateOnly, definitionList, policyBlock, riskBadge, riskCell, toolLink } from './render-parts.ts';
import type { ServerBundle, SiteTool } from './site-data.ts';
import { sitePaths } from './site-paths.ts';

export const LEGS: readonly { tag: Tag; title: string; meaning: string }[] = [
  { tag: 'reads-private-data', title: 'Reads private data', meaning: 'accounts, messages, files, repositories, databases' },
  { tag: 'ingests-untrusted-content', title: 'Ingests untrusted content', meaning: 'web pages, issues, emails: text anyone can write' },
  { tag: 'public-sink', title: 'Public sink', meaning: 'posts, messages, uploads or requests others can see' },
];

const RISK_RANK: Record<Risk, number> = { Low: 0, Medium: 1, High: 2, Critical: 3 };

export function highestRisk(tools: readonly SiteTool[]): Risk | null {
  let worst: Risk | null = null;
  for (const t of tools) {
    const r = t.label?.risk;
    if (r !== undefined && (worst === null || RISK_RANK[r] > RISK_RANK[worst])) worst = r;
  }
  return worst;
}

export function renderServerPage(bundle: ServerBundle): string {
  const { server, tools } = bundle;
  const path = sitePaths.server(server.slug);
  const worst = highestRisk(tools);
  const body = html`<article class="server">
<header class="page-head">
<p class="eyebrow">MCP server</p>
<h1>${visible(server.name)}</h1>
${server.description ? html`<p class="subtitle">${visible(server.description)}</p>` : ''}
<p class="badges">${riskBadge(worst)} <span class="badge">${tools.length} tools</span> <span class="badge">Last crawl: ${server.lastCrawl?.status ?? 'never'}</span></p>
</header>
<section aria-labelledby="tools"><h2 id="tools">Tools</h2>${toolTable(path, tools)}</section>
<section aria-labelledby="distribution"><h2 id="distribution">Risk distribution</h2>${distribution(tools)}</section>
<section aria-labelledby="legs"><h2 id="legs">Capability legs</h2>${legs(path, tools)}</section>
<section aria-labelledby="policy"><h2 id="policy">Whole-server policy</h2>${serverPolicy(bundle)}</section>
<section aria-labelledby="launch"><h2 id="launch">How to launch it</h2>${launchSection(server)}</section>
<section aria-labelledby="provenance"><h2 id="provenance">Provenance</h2>${provenance(bundle)}</section>
<section aria-labelledby="crawl"><h2 id="crawl">Last crawl</h2>${lastCrawl(bundle)}</section>
</article>`;
  return renderLayout({
    path,
    title: visibleText(server.name),
    description: `${tools.length} MCP tools${worst ? `, highest risk ${worst}` : ''}. ${visibleText(server.description ?? '')}`.slice(0, 300),
    breadcrumbs: [{ label: 'Servers', href: sitePaths.servers() }, { label: visibleText(server.name) }],
    body,
  });
}

function toolTable(path: string, tools: readonly SiteTool[]): SafeHtml {
  if (tools.length === 0) return html`<p>No tools: the server has no successful crawl yet.</p>`;
  const rows = tools.map(
    (t) => html`<tr><th scope="row">${toolLink(path, t.serverSlug, t.slug, t.tool.name)}</th><td>${t.label?.category ?? '—'}</td><td>${riskCell(t.label?.risk ?? null)}</td><td>${(t.label?.findings.length ?? 0) > 0 ? String(t.label?.findings.length) : ''}</td></tr>`,
  );
  return html`<div class="table-wrap"><table><caption>Every tool the newest successful crawl listed, in the server's order</caption>
<thead><tr><th scope="col">Tool</th><th scope="col">Category</th><th scope="col">Risk</th><th scope="col">Findings</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function distribution(tools: readonly SiteTool[]): SafeHtml {
  const counts = RISKS.map((risk) => [risk, tools.filter((t) => t.label?.risk === risk).length] as const);
  const max = Math.max(1, tools.length);
  const rows = counts.map(
    ([risk, n]) => html`<tr><th scope="row">${risk}</th><td>${n}</td><td><meter min="0" max="${max}" value="${n}" aria-label="${risk}: ${n} of ${tools.length}">${n}</meter></td></tr>`,
  );
  return html`<table class="distribution"><caption>Tools per risk level</caption><thead><tr><th scope="col">Risk</th><th scope="col">Tools</th><th scope="col">Share</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function legs(path: string, tools: readonly SiteTool[]): SafeHtml {
  const held = LEGS.map((leg) => ({ leg, tools: tools.filter((t) => t.label?.tags.includes(leg.tag)) }));
  const all = held.every((h) => h.tools.length > 0);
  const items = held.map(
    ({ leg, tools: withLeg }) => html`<li><strong>${leg.title}</strong> (${leg.meaning}): ${
      withLeg.length === 0 ? 'no' : html`yes — ${withLeg.slice(0, 8).map((t, i) => html`${i > 0 ? ', ' : ''}${toolLink(path, t.serverSlug, t.slug, t.tool.name)}`)}${withLeg.length > 8 ? ` and ${withLeg.length - 8} more` : ''}`
    }</li>`,
  );
  const warning = all
    ? html`<div class="warning" role="note"><p><strong>Warning: this one server holds all three legs of the lethal trifecta.</strong> Content it ingests can instruct the agent to read private data and send it through its own public sink. Require approval for its sink tools or split its tools across separate agents.</p></div>`
    : '';
  return html`${warning}<ul class="legs">${items}</ul>`;
}

function serverPolicy(bundle: ServerBundle): SafeHtml {
  const classified = bundle.tools.flatMap((t) => (t.label ? [{ name: t.tool.name, classification: t.label }] : []));
  if (classified.length === 0) return html`<p>No classified tools yet.</p>`;
  const { exports } = policyExports(bundle.server.id, classified);
  return html`<p>Default deny: a tool the server adds later is blocked until it is classified.</p>${policyBlock('server-policy', exports)}`;
}

function provenance({ server }: ServerBundle): SafeHtml {
  return definitionList([
    ['Catalog id', html`<code>${visible(server.id)}</code>`],
    ['Source', visible(server.source)],
    ['Domain', server.domain === null ? null : visible(server.domain)],
    ['npm package', server.npmPackage === null ? null : html`<code>${visible(server.npmPackage)}</code>`],
    ['Version', server.version === null ? null : visible(server.version)],
    // Shown as text, not a link: a crawled URL is never made clickable (javascript:, phishing).
    ['Repository', server.repository === null ? null : html`<code>${visible(server.repository)}</code>`],
    ['Remote URL', server.remoteUrl === null ? null : html`<code>${visible(server.remoteUrl)}</code>`],
    ['First seen', html`<time datetime="${server.firstSeenAt}">${dateOnly(server.firstSeenAt)}</time>`],
  ]);
}

function lastCrawl({ server }: ServerBundle): SafeHtml {
  const last = server.lastCrawl;
  if (last === null) return html`<p>Never crawled.</p>`;
  const current = server.currentCrawl;
  return html`${definitionList([
    ['Finished', html`<time datetime="${last.finishedAt}">${last.finishedAt.slice(0, 16).replace('T', ' ')} UTC</time>`],
    ['Status', html`<span class="pill status-${last.status === 'ok' ? 'ok' : 'failed'}">${last.status}</span>`],
    ['Error', last.error === null ? null : visible(last.error.slice(0, 500))],
    ['Server version', last.serverVersion === null ? null : visible(last.serverVersion)],
    ['Protocol version', last.protocolVersion === null ? null : visible(last.protocolVersion)],
    ['Tools listed', String(last.toolCount)],
  ])}${
    current !== null && current.snapshotId !== last.snapshotId
      ? html`<p>The tools above come from the last successful crawl, on <time datetime="${current.finishedAt}">${dateOnly(current.finishedAt)}</time>.</p>`
      : ''
  }`;
}
