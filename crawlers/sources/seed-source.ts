// The curated seed list (data/seeds/servers.json) as a discovery source, so seeds merge with what
// the other sources find. The seed reader itself stays in src/pipeline/seed-catalog.ts; bad seed
// files are bad input and throw there (McpRiskError BAD_SEED_FILE), unlike a bad catalog record.
import { loadSeedCatalog } from '../../src/pipeline/seed-catalog.ts';
import type { ServerCandidate } from '../../src/types.ts';
import { candidateEvent, type DiscoveredCandidate, type DiscoveryEvent } from './discovered-candidate.ts';

export interface SeedSourceOptions {
  file: string;
  limit?: number;
}

export async function* seedSource(options: SeedSourceOptions): AsyncGenerator<DiscoveryEvent> {
  const seeds = await loadSeedCatalog(options.file);
  for (const [index, seed] of seeds.entries()) {
    if (options.limit !== undefined && index >= options.limit) return;
    yield candidateEvent(seedToCandidate(seed, options.file));
  }
}

export function seedToCandidate(seed: ServerCandidate, file: string): DiscoveredCandidate {
  const candidate: DiscoveredCandidate = {
    name: seed.name,
    runtime: seed.launch.npmPackage !== undefined ? 'npm' : seed.launch.url !== undefined ? 'remote' : 'unknown',
    launches: seed.launch.npmPackage !== undefined ? [{ runtime: 'npm', launch: seed.launch, package: seed.launch.npmPackage }] : [],
    notes: [],
    verdict: { isServer: true, confidence: 0.95, reasons: ['curated in the seed list'] },
    provenance: [{ source: 'seed', ref: seed.id, url: file }],
  };
  if (seed.description !== undefined) candidate.description = seed.description;
  if (seed.launch.npmPackage !== undefined) candidate.npmPackage = seed.launch.npmPackage;
  if (seed.repository !== undefined) candidate.repository = seed.repository;
  if (seed.version !== undefined) candidate.version = seed.version;
  if (seed.domain !== undefined) candidate.category = seed.domain;
  return candidate;
}
