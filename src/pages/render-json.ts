// The static API (a JSON file per tool and per server), the search index entries and the sitemap.
// JSON goes through stableJson: sorted keys, invisible characters escaped, same data → same bytes.
import { stableJson } from '../policy/stable-json.ts';
import { policyExports } from './policy-exports.ts';
import { attackPatternsFor } from './attack-patterns.ts';
import { highestRisk } from './render-server-page.ts';
import { toolPagePath } from './render-tool-page.ts';
import type { ServerBundle, SiteTool, ToolSummary } from './site-data.ts';
import { sitePaths } from './site-paths.ts';

export const API_VERSION = 1;

export function toolJson(bundle: ServerBundle, tool: SiteTool): string {
  const label = tool.label;
  return `${stableJson({
    apiVersion: API_VERSION,
    server: { id: bundle.server.id, name: bundle.server.name, page: sitePaths.server(bundle.server.slug) },
    page: toolPagePath(tool),
    definitionHash: tool.definitionHash,
    tool: tool.tool,
    label,
    attackPatterns: label ? attackPatternsFor(label).map((p) => p.id) : [],
    policy: label ? policyExports(bundle.server.id, [{ name: tool.tool.name, classification: label }]).policy : null,
    firstSeenAt: tool.firstSeenAt,
    history: tool.history,
    sameName: tool.sameName.map((r) => ({ server: r.serverId, page: sitePaths.tool(r.serverSlug, r.toolSlug), risk: r.risk, category: r.category })),
  })}\n`;
}

export function serverJson(bundle: ServerBundle): string {
  const { server, tools } = bundle;
  const classified = tools.flatMap((t) => (t.label ? [{ name: t.tool.name, classification: t.label }] : []));
  return `${stableJson({
    apiVersion: API_VERSION,
    server,
    page: sitePaths.server(server.slug),
    highestRisk: highestRisk(tools),
    tools: tools.map((t) => ({
      name: t.tool.name,
      page: toolPagePath(t),
      api: sitePaths.toolJson(t.serverSlug, t.slug),
      category: t.label?.category ?? null,
      risk: t.label?.risk ?? null,
      tags: t.label?.tags ?? [],
    })),
    policy: classified.length > 0 ? policyExports(server.id, classified).policy : null,
  })}\n`;
}

/** One search index row: [kind, name, server name, risk, category, page]. Arrays keep the file small. */
export type SearchRow = ['s' | 't', string, string, string, string, string];

export function toolSearchRow(t: ToolSummary): SearchRow {
  return ['t', t.name, t.serverName, t.risk ?? '', t.category ?? '', t.path];
}

export function serverSearchRow(bundle: ServerBundle): SearchRow {
  return ['s', bundle.server.name, bundle.server.id, highestRisk(bundle.tools) ?? '', '', sitePaths.server(bundle.server.slug)];
}

/** One row as it sits in the index file (the array is written around the rows, streamed). */
export function searchRowJson(row: SearchRow): string {
  return stableJson(row, 0);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function sitemapUrl(baseUrl: string, path: string): string {
  // Paths are our own slugs, but escape anyway: a sitemap is XML.
  return `<url><loc>${(baseUrl + path).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)}</loc></url>\n`;
}

export const SITEMAP_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
export const SITEMAP_TAIL = '</urlset>\n';
