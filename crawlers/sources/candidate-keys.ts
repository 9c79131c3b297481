// Identity keys of a discovered candidate, normalised so the same server found by different sources
// gets the same key. Strong keys (an npm, PyPI or OCI package, a registry name, a remote URL) name
// exactly one server; a GitHub repository is weak because monorepos such as
// modelcontextprotocol/servers hold many servers (merge-candidates.ts treats it accordingly).
import type { DiscoveredCandidate } from './discovered-candidate.ts';

const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** `@Scope/Name@1.2.3` → `@scope/name`; undefined when it is not an npm package name. */
export function normalizeNpmName(raw: string): string | undefined {
  let name = raw.trim().toLowerCase();
  // A version suffix: the last '@' that is not the scope's leading one.
  const at = name.lastIndexOf('@');
  if (at > 0) name = name.slice(0, at);
  if (name.length === 0 || name.length > 214) return undefined;
  return NPM_NAME.test(name) ? name : undefined;
}

/**
 * Any GitHub URL form (`https://github.com/Owner/Repo.git`, `git+https://…`, `git@github.com:o/r`,
 * `github:o/r`, `/tree/main/src/x`, `#readme`) → `github.com/owner/repo`; undefined for other hosts.
 */
export function normalizeGitHubUrl(raw: string): string | undefined {
  const text = raw.trim();
  const shorthand = /^github:([\w.-]+)\/([\w.-]+)$/i.exec(text);
  const ssh = /^(?:git\+)?(?:ssh:\/\/)?git@github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(text);
  const web = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:[^@/]+@)?(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$/i.exec(text);
  const match = shorthand ?? ssh ?? web;
  if (!match?.[1] || !match[2]) return undefined;
  const owner = match[1].toLowerCase();
  const repo = match[2].toLowerCase().replace(/\.git$/, '');
  // GitHub paths that are not repositories.
  if (['orgs', 'topics', 'sponsors', 'features', 'marketplace', 'settings', 'about'].includes(owner)) return undefined;
  return `github.com/${owner}/${repo}`;
}

/** Registry names are case-insensitive in practice: `io.github.Owner/Name` → `io.github.owner/name`. */
export function normalizeRegistryName(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Remote endpoints: lowercase scheme and host, no trailing slash, no query or fragment. */
export function normalizeRemoteUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

export interface CandidateKeys {
  strong: string[];
  weak: string[];
}

export function candidateKeys(candidate: DiscoveredCandidate): CandidateKeys {
  const strong = new Set<string>();
  const weak = new Set<string>();
  const npm = candidate.npmPackage !== undefined ? normalizeNpmName(candidate.npmPackage) : undefined;
  if (npm) strong.add(`npm:${npm}`);
  if (candidate.registryName !== undefined) strong.add(`registry:${normalizeRegistryName(candidate.registryName)}`);
  if (candidate.pypiPackage !== undefined) strong.add(`pypi:${candidate.pypiPackage.trim().toLowerCase().replace(/[-_.]+/g, '-')}`);
  if (candidate.ociImage !== undefined) strong.add(`oci:${candidate.ociImage.trim().toLowerCase().replace(/:[^/:]+$/, '')}`);
  const remote = candidate.remoteUrl !== undefined ? normalizeRemoteUrl(candidate.remoteUrl) : undefined;
  if (remote) strong.add(`remote:${remote}`);
  const repo = candidate.repository !== undefined ? normalizeGitHubUrl(candidate.repository) : undefined;
  if (repo) weak.add(`repo:${repo}`);
  return { strong: [...strong].sort(), weak: [...weak].sort() };
}
