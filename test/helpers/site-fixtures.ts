// A catalog for the pages tests: the public memory server, the well-behaved notes fixture and the
// hostile-descriptions fixture, indexed for real into a test database.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/db/connect.ts';
import { runIndex } from '../../src/pipeline/run-index.ts';
import type { ServerCandidate } from '../../src/types.ts';
import { toolDefinitionHash } from '../../src/definition-hash.ts';
import type { ServerBundle, SiteServer, SiteTool } from '../../src/pages/site-data.ts';
import { slug } from '../../src/pages/site-paths.ts';
import { classifyWithRules, rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { crawlServer } from '../../crawlers/crawl-server.ts';
import { fixtureCandidate, memoryServerCandidate, testCrawlOptions } from './fixture-servers.ts';

export { memoryServerCandidate };

export function notesCandidate(descriptionSuffix?: string): ServerCandidate {
  return fixtureCandidate('good-server.mjs', { id: 'notes', ...(descriptionSuffix === undefined ? {} : { env: { FIXTURE_DESCRIPTION_SUFFIX: descriptionSuffix } }) });
}

export function siteCandidates(): ServerCandidate[] {
  return [memoryServerCandidate(), notesCandidate(), fixtureCandidate('hostile-descriptions.mjs', { id: 'hostile' })];
}

export async function indexServers(db: Db, candidates: ServerCandidate[]): Promise<void> {
  const summary = await runIndex({ db, candidates, classifier: rulesClassifier, concurrency: 3, crawl: testCrawlOptions({ timeoutMs: 15_000 }), quiet: true });
  const failed = summary.servers.filter((s) => s.status !== 'ok');
  if (failed.length > 0) throw new Error(`fixture crawl failed: ${failed.map((s) => `${s.id} ${s.status}`).join(', ')}`);
}

/** Every file under dir (relative path → sha256), for comparing two builds. */
export function hashTree(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const full = path.join(dir, rel);
    if (statSync(full).isDirectory()) for (const [k, v] of hashTree(dir, rel)) out.set(k, v);
    else out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return out;
}

/** Files whose hash differs between two trees, or that only one has. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/**
 * The hostile-descriptions fixture, crawled for real and labelled in memory. It goes straight to the
 * renderer (writeSiteFrom) because its NUL bytes cannot be stored in PostgreSQL text columns; this
 * also puts NUL and lone surrogates, which no database row can hold, through the escaper.
 */
export async function hostileBundle(): Promise<ServerBundle> {
  const candidate = fixtureCandidate('hostile-descriptions.mjs', { id: 'hostile' });
  const result = await crawlServer(candidate, testCrawlOptions({ timeoutMs: 15_000 }));
  if (result.status !== 'ok') throw new Error(`hostile fixture crawl: ${result.status} ${result.error ?? ''}`);
  const finishedAt = '2026-01-02T03:04:05.000Z';
  const server: SiteServer = {
    id: 'hostile',
    slug: slug('hostile'),
    name: 'fixture-hostile-descriptions',
    description: 'Hostile <script>alert("server")</script> fixture',
    source: 'test',
    domain: null,
    npmPackage: null,
    remoteUrl: 'javascript:alert(1)',
    repository: 'javascript:alert("repo")',
    version: '1.0.0',
    launch: { transport: 'stdio', args: ['"; alert(1); "'], envNames: ['TOKEN<script>'], entry: 'hostile-descriptions.mjs' },
    firstSeenAt: finishedAt,
    lastCrawl: { snapshotId: 1, status: 'ok', error: null, finishedAt, serverVersion: '1.0.0', protocolVersion: '2025-06-18', toolCount: result.tools.length },
    currentCrawl: { snapshotId: 1, status: 'ok', error: null, finishedAt, serverVersion: '1.0.0', protocolVersion: '2025-06-18', toolCount: result.tools.length },
  };
  const seen = new Map<string, number>();
  const tools = result.tools.map((tool, position): SiteTool => {
    const n = (seen.get(tool.name) ?? 0) + 1;
    seen.set(tool.name, n);
    const c = classifyWithRules(tool, { name: server.name });
    return {
      serverId: server.id,
      serverSlug: server.slug,
      slug: n === 1 ? slug(tool.name) : slug(`${tool.name}#${n}`),
      position,
      definitionHash: toolDefinitionHash(tool),
      tool,
      label: { ...c, suggestedAnnotations: c.suggestedAnnotations },
      firstSeenAt: finishedAt,
      history: [{ at: finishedAt, kind: 'description_changed', severity: 'high', summary: `description gained <script>alert("history")</script> ${tool.name}` }],
      sameName: [],
      sameNameTotal: 0,
    };
  });
  return { server, tools };
}
