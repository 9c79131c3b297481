// Builds the static site from a stream of servers: per server its page, its tools' pages and their
// JSON twins, written as each server arrives; rows for the indexes, the search index and the sitemap
// are spooled to disk and turned into pages at the end. Memory holds one server at a time.
// Output is deterministic (no build time anywhere), atomic per file, and rewritten only where it changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../db/connect.ts';
import { CATEGORIES, RISKS, type Category, type Risk } from '../types.ts';
import { LineSpool } from './line-spool.ts';
import { readSiteData, type ReadSiteOptions } from './read-site-data.ts';
import { LIST_PAGE_SIZE, renderHome, renderServerList, renderToolList, toolListPath, type ServerSummary, type SiteTotals, type ToolListKind } from './render-index-pages.ts';
import { searchRowJson, serverJson, serverSearchRow, toolJson, toolSearchRow } from './render-json.ts';
import { highestRisk, renderServerPage } from './render-server-page.ts';
import { renderToolPage, toolPagePath } from './render-tool-page.ts';
import { SITE_CSS, SITE_JS } from './site-assets.ts';
import type { ServerBundle, ToolSummary } from './site-data.ts';
import { SiteFiles } from './site-files.ts';
import { sitePaths } from './site-paths.ts';
import { SitemapWriter } from './sitemap-writer.ts';

export interface SiteBuildOptions {
  outDir: string;
  /** Absolute URL the site will be served from; the sitemap needs absolute URLs. */
  baseUrl?: string;
  /** Called after each server with running totals. */
  onProgress?: (done: { servers: number; tools: number }) => void;
}

export interface SiteBuildSummary {
  servers: number;
  tools: number;
  /** HTML pages produced (written or unchanged). */
  pages: number;
  written: number;
  unchanged: number;
  deleted: number;
  seconds: number;
}

export const DEFAULT_BASE_URL = 'http://localhost/';

/** Build the site from the catalog database. */
export async function writeSite(db: Db, options: SiteBuildOptions & ReadSiteOptions): Promise<SiteBuildSummary> {
  return writeSiteFrom(readSiteData(db, options), options);
}

interface Spools {
  risk: Record<Risk, LineSpool>;
  category: Record<Category, LineSpool>;
  unclassified: LineSpool;
  servers: LineSpool;
}

/** Build the site from any stream of servers (the database reader, tests, the benchmark). */
export async function writeSiteFrom(bundles: AsyncIterable<ServerBundle> | Iterable<ServerBundle>, options: SiteBuildOptions): Promise<SiteBuildSummary> {
  const started = performance.now();
  const files = new SiteFiles(options.outDir);
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'mcp-risk-pages-'));
  const spool = (name: string) => new LineSpool(path.join(spoolDir, `${name}.jsonl`));
  const spools: Spools = {
    risk: { Low: spool('low'), Medium: spool('medium'), High: spool('high'), Critical: spool('critical') },
    category: { Read: spool('read'), Write: spool('write'), Delete: spool('delete') },
    unclassified: spool('unclassified'),
    servers: spool('servers'),
  };
  const searchTmp = files.tempPath(sitePaths.searchIndex);
  const search = new LineSpool(searchTmp);
  const sitemap = new SitemapWriter(files, options.baseUrl ?? DEFAULT_BASE_URL);
  const serverSlugs = new Set<string>();
  let pages = 0;
  let tools = 0;
  try {
    search.write('[\n');
    for await (const bundle of bundles) {
      pages += writeServer(files, bundle);
      tools += bundle.tools.length;
      serverSlugs.add(bundle.server.slug);
      spools.servers.add(JSON.stringify(serverSummary(bundle)));
      search.write(`${search.count > 0 ? ',\n' : ''}${searchRowJson(serverSearchRow(bundle))}`);
      search.count += 1;
      sitemap.add(sitePaths.server(bundle.server.slug));
      for (const tool of bundle.tools) {
        const summary: ToolSummary = {
          name: tool.tool.name,
          serverId: bundle.server.id,
          serverName: bundle.server.name,
          path: toolPagePath(tool),
          category: tool.label?.category ?? null,
          risk: tool.label?.risk ?? null,
        };
        const line = JSON.stringify(summary);
        if (summary.risk === null || summary.category === null) spools.unclassified.add(line);
        else {
          spools.risk[summary.risk].add(line);
          spools.category[summary.category].add(line);
        }
        search.write(`,\n${searchRowJson(toolSearchRow(summary))}`);
        sitemap.add(summary.path);
      }
      options.onProgress?.({ servers: serverSlugs.size, tools });
    }
    search.write('\n]\n');
    search.close();
    files.commit(sitePaths.searchIndex, searchTmp);

    const topLevel = new Set<string>([sitePaths.index, sitePaths.searchIndex]);
    const totals: SiteTotals = {
      servers: serverSlugs.size,
      tools,
      byRisk: { Low: spools.risk.Low.count, Medium: spools.risk.Medium.count, High: spools.risk.High.count, Critical: spools.risk.Critical.count },
      byCategory: { Read: spools.category.Read.count, Write: spools.category.Write.count, Delete: spools.category.Delete.count },
      unclassified: spools.unclassified.count,
    };
    files.write(sitePaths.index, renderHome(totals));
    sitemap.add(sitePaths.index);
    pages += 1;
    const listed = new Set<string>();
    for (const risk of RISKS) pages += await writeToolLists(files, sitemap, { kind: 'risk', risk }, spools.risk[risk], listed);
    for (const category of CATEGORIES) pages += await writeToolLists(files, sitemap, { kind: 'category', category }, spools.category[category], listed);
    if (spools.unclassified.count > 0) pages += await writeToolLists(files, sitemap, { kind: 'unclassified' }, spools.unclassified, listed);
    pages += await writeServerLists(files, sitemap, spools.servers, topLevel);

    files.write(sitePaths.css, SITE_CSS);
    files.write(sitePaths.js, SITE_JS);
    for (const name of sitemap.finish()) topLevel.add(name);

    // What this build did not produce is left over from servers, tools or pages that are gone.
    const slugFiles = (ext: string) => new Set([...serverSlugs].map((s) => `${s}${ext}`));
    files.prune('servers', slugFiles('.html'));
    files.prune(path.join('api', 'servers'), slugFiles('.json'));
    files.prune('tools', serverSlugs, { dirsToo: true });
    files.prune(path.join('api', 'tools'), serverSlugs, { dirsToo: true });
    files.prune('risk', new Set([...listed].filter((p) => p.startsWith('risk/')).map((p) => p.slice(5))));
    files.prune('category', new Set([...listed].filter((p) => p.startsWith('category/')).map((p) => p.slice(9))));
    files.prune('assets', new Set(['site.css', 'site.js']));
    files.prune('.', new Set([...topLevel, 'servers', 'tools', 'api', 'risk', 'category', 'assets']));
  } finally {
    search.close();
    for (const s of [...Object.values(spools.risk), ...Object.values(spools.category), spools.unclassified, spools.servers]) s.close();
    rmSync(spoolDir, { recursive: true, force: true });
    rmSync(searchTmp, { force: true });
  }
  return { servers: serverSlugs.size, tools, pages, ...files.counts, seconds: (performance.now() - started) / 1000 };
}

/** One server's pages and JSON; stale tool files of this server are pruned right away. */
function writeServer(files: SiteFiles, bundle: ServerBundle): number {
  const { server } = bundle;
  files.write(sitePaths.server(server.slug), renderServerPage(bundle));
  files.write(sitePaths.serverJson(server.slug), serverJson(bundle));
  const keepPages = new Set<string>();
  const keepJson = new Set<string>();
  for (const tool of bundle.tools) {
    files.write(toolPagePath(tool), renderToolPage(bundle, tool));
    files.write(sitePaths.toolJson(server.slug, tool.slug), toolJson(bundle, tool));
    keepPages.add(`${tool.slug}.html`);
    keepJson.add(`${tool.slug}.json`);
  }
  files.prune(path.join('tools', server.slug), keepPages);
  files.prune(path.join('api', 'tools', server.slug), keepJson);
  return 1 + bundle.tools.length;
}

function serverSummary(bundle: ServerBundle): ServerSummary {
  return {
    id: bundle.server.id,
    slug: bundle.server.slug,
    name: bundle.server.name,
    tools: bundle.tools.length,
    worst: highestRisk(bundle.tools),
    status: bundle.server.lastCrawl?.status ?? 'never crawled',
  };
}

async function* pagesOf<T>(spool: LineSpool): AsyncGenerator<T[]> {
  let page: T[] = [];
  for await (const line of spool.lines()) {
    page.push(JSON.parse(line) as T);
    if (page.length === LIST_PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

async function writeToolLists(files: SiteFiles, sitemap: SitemapWriter, list: ToolListKind, spool: LineSpool, listed: Set<string>): Promise<number> {
  const pages = Math.max(1, Math.ceil(spool.count / LIST_PAGE_SIZE));
  let page = 0;
  const emit = (entries: ToolSummary[]) => {
    page += 1;
    const p = toolListPath(list, page);
    files.write(p, renderToolList(list, { page, pages, total: spool.count, entries }));
    sitemap.add(p);
    listed.add(p);
  };
  for await (const entries of pagesOf<ToolSummary>(spool)) emit(entries);
  if (page === 0) emit([]);
  return page;
}

async function writeServerLists(files: SiteFiles, sitemap: SitemapWriter, spool: LineSpool, topLevel: Set<string>): Promise<number> {
  const pages = Math.max(1, Math.ceil(spool.count / LIST_PAGE_SIZE));
  let page = 0;
  const emit = (entries: ServerSummary[]) => {
    page += 1;
    const p = sitePaths.servers(page);
    files.write(p, renderServerList({ page, pages, total: spool.count, entries }));
    sitemap.add(p);
    topLevel.add(p);
  };
  for await (const entries of pagesOf<ServerSummary>(spool)) emit(entries);
  if (page === 0) emit([]);
  return page;
}
