// npm as a discovery source: names come from the search endpoint (paged) or from a given list
// (a --names file, or npm names that other sources found); each name's packument is fetched with
// bounded concurrency (p-queue) and classified server / not server (classify-npm-package.ts).
// Every package yields a candidate with its verdict, so the rest can be counted and checked too.
import PQueue from 'p-queue';
import { normalizeGitHubUrl } from './candidate-keys.ts';
import { classifyNpmPackage } from './classify-npm-package.ts';
import { candidateEvent, npmLaunch, skippedEvent, type DiscoveredCandidate, type DiscoveryEvent } from './discovered-candidate.ts';
import type { RetryOptions } from './fetch-with-retry.ts';
import { fetchPackument, type PackageManifest } from './npm-packument.ts';
import { DEFAULT_NPM_REGISTRY, npmSearch, type NpmSearchOptions } from './npm-search.ts';

export interface NpmSourceOptions {
  baseUrl?: string;
  /** Names to look up; when given, search is skipped. */
  names?: Iterable<string> | AsyncIterable<string>;
  search?: Omit<NpmSearchOptions, 'baseUrl' | 'retry' | 'limit'>;
  /** Packument requests in flight at once. */
  concurrency?: number;
  /** Stop after this many names. */
  limit?: number;
  retry?: RetryOptions;
}

export async function* npmSource(options: NpmSourceOptions = {}): AsyncGenerator<DiscoveryEvent> {
  const baseUrl = options.baseUrl ?? DEFAULT_NPM_REGISTRY;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const queue = new PQueue({ concurrency });
  const ready: DiscoveryEvent[] = [];
  let wake: () => void = () => undefined;
  let arrived = new Promise<void>((resolve) => (wake = resolve));
  const push = (event: DiscoveryEvent) => {
    ready.push(event);
    wake();
    arrived = new Promise<void>((resolve) => (wake = resolve));
  };
  const lookUp = async (name: string) => {
    try {
      const result = await fetchPackument(baseUrl, name, options.retry);
      if (result.ok) push(candidateEvent(npmPackageToCandidate(result.manifest, baseUrl)));
      else push(skippedEvent('npm', name, result.reason));
    } catch (error) {
      push(skippedEvent('npm', name, error instanceof Error ? error.message : String(error)));
    }
  };

  let count = 0;
  for await (const item of nameStream(options, baseUrl)) {
    if (typeof item !== 'string') {
      yield item;
      continue;
    }
    void queue.add(() => lookUp(item));
    count += 1;
    // Backpressure: keep a bounded backlog, and hand results on while we wait.
    while (queue.size >= concurrency * 2) {
      await Promise.race([queue.onSizeLessThan(concurrency * 2), arrived]);
      yield* ready.splice(0);
    }
    yield* ready.splice(0);
    if (options.limit !== undefined && count >= options.limit) break;
  }
  while (queue.size > 0 || queue.pending > 0) {
    await Promise.race([queue.onIdle(), arrived]);
    yield* ready.splice(0);
  }
  yield* ready.splice(0);
}

async function* nameStream(options: NpmSourceOptions, baseUrl: string): AsyncGenerator<string | DiscoveryEvent> {
  if (options.names !== undefined) {
    for await (const name of options.names) yield name;
    return;
  }
  for await (const event of npmSearch({ ...options.search, baseUrl, ...(options.retry ? { retry: options.retry } : {}) })) {
    if (event.type === 'hit') yield event.hit.name;
    else yield skippedEvent('npm', event.ref, event.reason);
  }
}

export function npmPackageToCandidate(manifest: PackageManifest, baseUrl: string = DEFAULT_NPM_REGISTRY): DiscoveredCandidate {
  const verdict = classifyNpmPackage(manifest);
  const launch = npmLaunch(manifest.name, manifest.version);
  const notes: string[] = [];
  if (manifest.bins.length > 1) {
    // Several bins: the one that names MCP or the package is most likely the server.
    const bare = manifest.name.replace(/^@[^/]+\//, '');
    const bin = manifest.bins.find((b) => b === bare) ?? manifest.bins.find((b) => b.includes('mcp')) ?? manifest.bins[0];
    if (bin !== undefined) {
      launch.bin = bin;
      notes.push(`several bins (${manifest.bins.slice(0, 5).join(', ')}); chose "${bin}"`);
    }
  }
  if (manifest.deprecated !== undefined) notes.push(`deprecated: ${manifest.deprecated.slice(0, 200)}`);
  const candidate: DiscoveredCandidate = {
    name: manifest.name,
    runtime: 'npm',
    launches: [{ runtime: 'npm', launch, package: manifest.name }],
    npmPackage: manifest.name,
    version: manifest.version,
    verdict,
    notes,
    provenance: [{ source: 'npm', ref: `${manifest.name}@${manifest.version}`, url: `${baseUrl.replace(/\/+$/, '')}/${manifest.name.replace('/', '%2F')}` }],
  };
  if (manifest.description !== undefined) candidate.description = manifest.description.slice(0, 1000);
  if (manifest.repository !== undefined) {
    const github = normalizeGitHubUrl(manifest.repository);
    candidate.repository = github !== undefined ? `https://${github}` : manifest.repository.slice(0, 500);
  }
  return candidate;
}
