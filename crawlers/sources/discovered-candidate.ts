// What every discovery source yields: a candidate server with where it was found. Sources know
// different things (the registry knows exact versions, npm knows bins and dependencies, a directory
// page may know only a GitHub link), so almost everything is optional and merge-candidates.ts joins
// the pieces. These types stay apart from src/types.ts because only discovery and merge use them.
import type { ServerLaunch } from '../../src/types.ts';

export const SOURCE_KINDS = ['registry', 'npm', 'html', 'seed'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** 'unknown' when a source names a server without saying how to run it (a bare GitHub link). */
export type Runtime = 'npm' | 'pypi' | 'oci' | 'remote' | 'unknown';

/** Where one record came from: enough to find it again. */
export interface Provenance {
  source: SourceKind;
  /** A stable id of the record in its source: registry name@version, npm name, page#item. */
  ref: string;
  url?: string;
}

/** One way to start the server; a registry record may offer several (npm package and a remote). */
export interface LaunchOption {
  runtime: Exclude<Runtime, 'unknown'>;
  launch: ServerLaunch;
  /** The package identifier in its own registry (npm name, PyPI name, OCI image). */
  package?: string;
  note?: string;
}

/** The npm classifier's answer: is this package an MCP server one can launch? */
export interface ServerVerdict {
  isServer: boolean;
  /** 0.5 (a coin toss) to 0.95; grows with the distance of the score from the threshold. */
  confidence: number;
  reasons: string[];
  deprecated?: boolean;
}

export interface DiscoveredCandidate {
  name: string;
  description?: string;
  runtime: Runtime;
  /** Launch options, most preferred first; empty when the source gives none. */
  launches: LaunchOption[];
  npmPackage?: string;
  pypiPackage?: string;
  ociImage?: string;
  remoteUrl?: string;
  /** Official registry name, e.g. io.github.owner/name. */
  registryName?: string;
  repository?: string;
  version?: string;
  verdict?: ServerVerdict;
  /** Category heading or tags from a directory page. */
  category?: string;
  notes: string[];
  provenance: Provenance[];
}

/** A record a source could not use: reported, never fatal. */
export interface SkippedRecord {
  source: SourceKind;
  ref: string;
  reason: string;
}

/** Sources yield both, so a caller can count and report skips while the stream goes on. */
export type DiscoveryEvent =
  | { type: 'candidate'; candidate: DiscoveredCandidate }
  | { type: 'skipped'; skipped: SkippedRecord };

export function candidateEvent(candidate: DiscoveredCandidate): DiscoveryEvent {
  return { type: 'candidate', candidate };
}

export function skippedEvent(source: SourceKind, ref: string, reason: string): DiscoveryEvent {
  return { type: 'skipped', skipped: { source, ref, reason } };
}

/** A stdio launch of an npm package; the version is left out when only the name is known. */
export function npmLaunch(name: string, version?: string, env: Record<string, string> = {}): ServerLaunch {
  return { transport: 'stdio', npmPackage: name, ...(version !== undefined ? { npmVersion: version } : {}), args: [], env };
}
