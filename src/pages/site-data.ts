// What the renderers take: one server with its current tools, everything a page shows already
// gathered (labels, first-seen dates, change history, same-named tools elsewhere). Renderers are pure
// functions of these shapes, so the database reader, the tests and the benchmark can all feed them.
import type { CatalogLabel } from '../db/catalog-repo.ts';
import type { Category, FindingSeverity, Risk, ToolDefinition } from '../types.ts';

export interface CrawlInfo {
  snapshotId: number;
  status: string;
  error: string | null;
  /** ISO 8601: when the crawl finished (data, not build time, so pages stay deterministic). */
  finishedAt: string;
  serverVersion: string | null;
  protocolVersion: string | null;
  toolCount: number;
}

export interface SiteLaunch {
  transport: string;
  npmPackage?: string | undefined;
  npmVersion?: string | undefined;
  bin?: string | undefined;
  entry?: string | undefined;
  url?: string | undefined;
  args: string[];
  /** Variable names only: credential values are never stored. */
  envNames: string[];
}

export interface SiteServer {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  source: string;
  domain: string | null;
  npmPackage: string | null;
  remoteUrl: string | null;
  repository: string | null;
  version: string | null;
  launch: SiteLaunch;
  firstSeenAt: string;
  /** The newest crawl, whatever its status. */
  lastCrawl: CrawlInfo | null;
  /** The newest successful crawl: the tools shown come from it. */
  currentCrawl: CrawlInfo | null;
}

export interface RelatedRef {
  serverId: string;
  serverSlug: string;
  toolName: string;
  toolSlug: string;
  category: Category | null;
  risk: Risk | null;
}

export interface HistoryEntry {
  /** ISO 8601: when the crawl that saw the change finished. */
  at: string;
  kind: string;
  severity: FindingSeverity;
  summary: string;
}

export interface SiteTool {
  serverId: string;
  serverSlug: string;
  slug: string;
  position: number;
  definitionHash: string;
  tool: ToolDefinition;
  label: CatalogLabel | null;
  /** ISO 8601: the first successful crawl of this server that listed a tool of this name. */
  firstSeenAt: string | null;
  /** Oldest first. */
  history: HistoryEntry[];
  /** Tools of the same name on other servers (a bounded sample, in server order). */
  sameName: RelatedRef[];
  /** How many servers besides this one list the name (sameName may be cut short). */
  sameNameTotal: number;
}

export interface ServerBundle {
  server: SiteServer;
  tools: SiteTool[];
}

/** One row per tool for indexes, the search index and the sitemap: small, so it can be spooled. */
export interface ToolSummary {
  name: string;
  serverId: string;
  serverName: string;
  path: string;
  category: Category | null;
  risk: Risk | null;
}
