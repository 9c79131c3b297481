// The official MCP registry as a discovery source: pages through GET {base}/v0.1/servers with the
// opaque cursor from metadata.nextCursor, validates each server.json record on its own (a malformed
// one is skipped with its reason, the rest of the page kept) and maps records to candidates.
import { z } from 'zod';
import { candidateEvent, skippedEvent, type DiscoveryEvent } from './discovered-candidate.ts';
import { fetchWithRetry, type RetryOptions } from './fetch-with-retry.ts';
import { parseRegistryRecord, registryRecordToCandidate } from './registry-record.ts';

export const DEFAULT_REGISTRY_URL = 'https://registry.modelcontextprotocol.io';

export interface RegistrySourceOptions {
  baseUrl?: string;
  /** '/v0.1' (stable) or '/v0'. */
  apiVersion?: 'v0.1' | 'v0';
  /** Page size, 1–100 (the registry's maximum). */
  pageSize?: number;
  /** Stop after this many candidates. */
  limit?: number;
  /** A cap on pages, so an endless cursor cannot keep us forever. */
  maxPages?: number;
  /** Only the latest version of each server (the default), or every version. */
  latestOnly?: boolean;
  retry?: RetryOptions;
}

const pageSchema = z.object({
  servers: z.array(z.unknown()),
  metadata: z.object({ nextCursor: z.string().nullish(), next_cursor: z.string().nullish(), count: z.number().optional() }).optional(),
});

export async function* registrySource(options: RegistrySourceOptions = {}): AsyncGenerator<DiscoveryEvent> {
  const base = (options.baseUrl ?? DEFAULT_REGISTRY_URL).replace(/\/+$/, '');
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
  const maxPages = options.maxPages ?? 10_000;
  let cursor: string | undefined;
  let yielded = 0;
  const seenCursors = new Set<string>();
  for (let page = 1; page <= maxPages; page += 1) {
    const url = new URL(`${base}/${options.apiVersion ?? 'v0.1'}/servers`);
    url.searchParams.set('limit', String(pageSize));
    if (options.latestOnly !== false) url.searchParams.set('version', 'latest');
    if (cursor !== undefined) url.searchParams.set('cursor', cursor);
    const response = await fetchWithRetry(url.toString(), options.retry);
    if (response.status === 404) {
      yield skippedEvent('registry', url.toString(), 'HTTP 404: no server list at this URL (check --registry-url)');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      yield skippedEvent('registry', url.toString(), 'the page is not JSON; stopping here');
      return;
    }
    const parsed = pageSchema.safeParse(json);
    if (!parsed.success) {
      yield skippedEvent('registry', url.toString(), `the page is not a server list (${parsed.error.issues[0]?.message ?? 'invalid'}); stopping here`);
      return;
    }
    for (const [index, raw] of parsed.data.servers.entries()) {
      const record = parseRegistryRecord(raw, index);
      if (!record.ok) {
        yield skippedEvent('registry', `${record.ref} (page ${page})`, record.reason);
        continue;
      }
      if (record.status === 'deleted') {
        yield skippedEvent('registry', `${record.server.name}@${record.server.version}`, 'status is "deleted"');
        continue;
      }
      const recordUrl = `${base}/${options.apiVersion ?? 'v0.1'}/servers/${encodeURIComponent(record.server.name)}/versions/${encodeURIComponent(record.server.version)}`;
      const candidate = registryRecordToCandidate(record.server, recordUrl);
      if (record.status === 'deprecated') candidate.notes.push('deprecated in the registry');
      yield candidateEvent(candidate);
      yielded += 1;
      if (options.limit !== undefined && yielded >= options.limit) return;
    }
    const next = parsed.data.metadata?.nextCursor ?? parsed.data.metadata?.next_cursor ?? undefined;
    if (next === undefined || next === null || next === '') return;
    // A cursor that comes back is a loop in the server's pagination, not more data.
    if (seenCursors.has(next)) {
      yield skippedEvent('registry', url.toString(), `cursor "${next.slice(0, 80)}" repeats; stopping`);
      return;
    }
    seenCursors.add(next);
    cursor = next;
  }
  yield skippedEvent('registry', base, `stopped after ${maxPages} pages (page cap)`);
}
