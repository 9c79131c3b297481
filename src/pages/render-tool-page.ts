// One tool's risk page: the verdict first (risk, category, confidence), then why, then the evidence
// from the definition, findings, attack patterns, the policy to copy, related tools, FAQ and history.
import type { Evidence, Finding } from '../types.ts';
import { attackPatternsFor } from './attack-patterns.ts';
import { html, join, visible, visibleText, type SafeHtml } from './html.ts';
import { policyExports } from './policy-exports.ts';
import { renderLayout } from './render-layout.ts';
import { categoryBadge, dateOnly, policyBlock, riskBadge, riskCell, serverLink, toolLink } from './render-parts.ts';
import { annotationTable, parameterTable } from './render-schema.ts';
import { toolFaq } from './render-tool-faq.ts';
import type { ServerBundle, SiteTool } from './site-data.ts';
import { rootOf, sitePaths } from './site-paths.ts';

const LONG_DESCRIPTION = 2_000;
const MAX_SIBLINGS = 60;
const MAX_EVIDENCE = 40;

export function toolPagePath(tool: SiteTool): string {
  return sitePaths.tool(tool.serverSlug, tool.slug);
}

/** A first sentence of the description, bounded, for "what it does" and the meta description. */
export function summaryOf(description: string | undefined): string {
  const text = (description ?? '').replace(/\s+/g, ' ').trim();
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end >= 0 && end < 300 ? text.slice(0, end + 1) : text.slice(0, 300);
  return sentence.length < text.length && !/[.!?]$/.test(sentence) ? `${sentence}…` : sentence;
}

export function renderToolPage(bundle: ServerBundle, tool: SiteTool): string {
  const path = toolPagePath(tool);
  const { server } = bundle;
  const label = tool.label;
  const name = tool.tool.name;
  const summary = summaryOf(tool.tool.description);
  const body = html`<article class="tool">
<header class="page-head">
<p class="eyebrow">Tool on ${serverLink(path, server.slug, server.name)}</p>
<h1><code>${visible(name)}</code></h1>
${tool.tool.title ? html`<p class="subtitle">${visible(tool.tool.title)}</p>` : ''}
<p class="badges">${riskBadge(label?.risk ?? null)} ${categoryBadge(label?.category ?? null)} ${label ? html`<span class="badge">Confidence: ${Math.round(label.confidence * 100)}%</span>` : ''}</p>
</header>
<section aria-labelledby="what"><h2 id="what">What it does</h2>
<p>${summary ? visible(summary) : html`<em>The server gives no description.</em>`}</p></section>
<section aria-labelledby="why"><h2 id="why">Why it needs a policy</h2>
<p>${label ? visible(label.rationale) : 'This tool has not been classified yet.'}</p>
${tagList(label?.tags ?? [])}</section>
<section aria-labelledby="definition"><h2 id="definition">From its definition</h2>
<h3>Description</h3>
${description(tool.tool.description)}
<h3>Parameters</h3>
${parameterTable(tool.tool.inputSchema)}
<h3>Annotations</h3>
${annotationTable(tool.tool.annotations, label)}
${contradictions(label?.findings ?? [])}
${evidenceList(label?.evidence ?? [])}</section>
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findingList((label?.findings ?? []).filter((f) => !f.kind.startsWith('annotation')))}</section>
<section aria-labelledby="patterns"><h2 id="patterns">Attack patterns</h2>
${patterns(tool)}</section>
<section aria-labelledby="policy"><h2 id="policy">Recommended policy</h2>
${policy(bundle, tool)}</section>
<section aria-labelledby="related"><h2 id="related">Related tools</h2>
${related(path, bundle, tool)}</section>
<section aria-labelledby="faq"><h2 id="faq">FAQ</h2>
${toolFaq(server.id, name, label?.risk ?? null)}</section>
<section aria-labelledby="history"><h2 id="history">Change history</h2>
${history(tool)}</section>
</article>`;
  return renderLayout({
    path,
    title: `${visibleText(name)} (${visibleText(server.name)})`,
    description: `${label ? `${label.risk} risk ${label.category} tool. ` : ''}${visibleText(summary)}`.slice(0, 300),
    breadcrumbs: [{ label: visibleText(server.name), href: sitePaths.server(server.slug) }, { label: visibleText(name) }],
    body,
  });
}

function tagList(tags: readonly string[]): SafeHtml {
  if (tags.length === 0) return html``;
  return html`<p>Capabilities: ${join(tags.map((t) => html`<span class="tag">${t}</span>`), ' ')}</p>`;
}

function description(text: string | undefined): SafeHtml {
  if (text === undefined || text.trim() === '') return html`<p><em>None given.</em></p>`;
  const block = html`<div class="description" tabindex="0">${visible(text)}</div>`;
  if (text.length <= LONG_DESCRIPTION) return block;
  return html`<details><summary>Show the whole description (${text.length.toLocaleString('en-US')} characters)</summary>${block}</details>`;
}

function contradictions(findings: readonly Finding[]): SafeHtml {
  const list = findings.filter((f) => f.kind.startsWith('annotation'));
  if (list.length === 0) return html`<p>No contradiction between declared and inferred annotations.</p>`;
  return html`<div class="warning" role="note"><h4>Contradictions</h4>${findingList(list)}</div>`;
}

export function findingList(findings: readonly Finding[]): SafeHtml {
  if (findings.length === 0) return html`<p>No hostile-description findings.</p>`;
  const items = findings.map(
    (f) => html`<li><span class="pill sev-${f.severity}">${f.severity}</span> <code>${visible(f.kind)}</code>: ${visible(f.message)}${f.excerpt ? html`<br><q>${visible(f.excerpt)}</q>` : ''}</li>`,
  );
  return html`<ul class="findings">${items}</ul>`;
}

function evidenceList(evidence: readonly Evidence[]): SafeHtml {
  if (evidence.length === 0) return html``;
  const items = evidence
    .slice(0, MAX_EVIDENCE)
    .map((e) => html`<li><code>${visible(e.signal)}</code> (${e.source}, weight ${Math.round(e.weight * 100) / 100}): ${visible(e.text)}</li>`);
  return html`<details><summary>Evidence the classifier used (${evidence.length})</summary><ul class="evidence">${items}</ul></details>`;
}

function patterns(tool: SiteTool): SafeHtml {
  const label = tool.label;
  if (!label) return html`<p>Not classified yet.</p>`;
  const list = attackPatternsFor(label);
  if (list.length === 0) return html`<p>No documented attack pattern applies to a tool like this.</p>`;
  return html`<dl class="patterns">${list.map((p) => html`<dt>${p.name}</dt><dd>${p.definition}</dd>`)}</dl>`;
}

function policy(bundle: ServerBundle, tool: SiteTool): SafeHtml {
  const label = tool.label;
  if (!label) return html`<p>No policy until the tool is classified; a deny-by-default policy blocks it meanwhile.</p>`;
  const { exports } = policyExports(bundle.server.id, [{ name: tool.tool.name, classification: label }]);
  return html`<p>Anything the policy does not list is denied. Paste the format your client or gateway reads.</p>${policyBlock('policy', exports)}`;
}

function related(path: string, bundle: ServerBundle, tool: SiteTool): SafeHtml {
  const siblings = bundle.tools.length - 1;
  const items = siblingItems(path, bundle);
  const shown: SafeHtml[] = [];
  for (let i = 0; i < items.length && shown.length < MAX_SIBLINGS; i++) if (bundle.tools[i] !== tool) shown.push(items[i] as SafeHtml);
  const sameServer =
    siblings === 0
      ? html`<p>It is this server's only tool.</p>`
      : html`<ul class="related">${shown}</ul>${siblings > shown.length ? html`<p>${serverLink(path, bundle.server.slug, `All ${siblings + 1} tools of this server`)}</p>` : ''}`;
  const elsewhere =
    tool.sameName.length === 0
      ? html`<p>No other server lists a tool of this name.</p>`
      : html`<ul class="related">${tool.sameName.map((r) => html`<li>${toolLink(path, r.serverSlug, r.toolSlug, r.serverId)} ${riskCell(r.risk)} ${r.category ?? ''}</li>`)}</ul>${
          tool.sameNameTotal > tool.sameName.length ? html`<p>and ${tool.sameNameTotal - tool.sameName.length} more servers.</p>` : ''
        }`;
  return html`<h3>On the same server</h3>${sameServer}<h3>Same name on other servers</h3>${elsewhere}`;
}

/** Each of a server's first tools as a line of "On the same server", rendered once per server: its tool pages all link from the same depth. */
const SIBLING_ITEMS = new WeakMap<ServerBundle, { root: string; items: SafeHtml[] }>();

function siblingItems(path: string, bundle: ServerBundle): SafeHtml[] {
  const root = rootOf(path);
  const cached = SIBLING_ITEMS.get(bundle);
  if (cached !== undefined && cached.root === root) return cached.items;
  const items = bundle.tools
    .slice(0, MAX_SIBLINGS + 1)
    .map((t) => html`<li>${toolLink(path, t.serverSlug, t.slug, t.tool.name)} ${riskCell(t.label?.risk ?? null)} ${t.label?.category ?? ''}</li>`);
  SIBLING_ITEMS.set(bundle, { root, items });
  return items;
}

function history(tool: SiteTool): SafeHtml {
  const first = html`<p>First seen: <time datetime="${tool.firstSeenAt ?? ''}">${dateOnly(tool.firstSeenAt)}</time>.</p>`;
  if (tool.history.length === 0) return html`${first}<p>No change to its name, description, schema or annotations since.</p>`;
  const rows = tool.history.map(
    (h) => html`<tr><td><time datetime="${h.at}">${dateOnly(h.at)}</time></td><td>${h.kind.replace(/_/g, ' ')}</td><td><span class="pill sev-${h.severity}">${h.severity}</span></td><td>${visible(h.summary)}</td></tr>`,
  );
  return html`${first}<div class="table-wrap"><table><caption>Changes between crawls, oldest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Change</th><th scope="col">Severity</th><th scope="col">What changed</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}
