// The public shape of a catalog match, shared by the HTTP API and our MCP server so both answer the
// same question with the same fields. Unlabelled tools (not classified yet) carry nulls, not guesses.
import type { CatalogMatch } from '../db/catalog-repo.ts';
import type { Category, Finding, Risk, Tag } from '../types.ts';

export interface ToolMatch {
  server: string;
  serverName: string;
  tool: string;
  title: string | null;
  category: Category | null;
  risk: Risk | null;
  confidence: number | null;
  rationale: string | null;
  tags: Tag[];
  findings: Finding[];
}

export function toolMatches(matches: readonly CatalogMatch[]): ToolMatch[] {
  return matches.map(toolMatch);
}

export function toolMatch(m: CatalogMatch): ToolMatch {
  return {
    server: m.serverId,
    serverName: m.serverName,
    tool: m.tool.name,
    title: m.tool.title ?? null,
    category: m.label?.category ?? null,
    risk: m.label?.risk ?? null,
    confidence: m.label?.confidence ?? null,
    rationale: m.label?.rationale ?? null,
    tags: m.label?.tags ?? [],
    findings: m.label?.findings ?? [],
  };
}

/** Distinct server ids in first-seen order (the catalog query orders by server id). */
export function distinctServers(matches: readonly CatalogMatch[]): string[] {
  return [...new Set(matches.map((m) => m.serverId))];
}
