// One catalog entry per server however many sources list it. Records are linked when they share a
// strong key (npm / PyPI / OCI package, registry name, remote URL). A GitHub repository is a weak key:
// monorepos hold many servers, so it links two records only when they do not contradict each other
// (no two different npm packages, registry names, …), and a record known only by its repository
// joins a group only when exactly one server of that repository is known. Every provenance is kept;
// the most specific launch wins (an exact version over a bare name).
import type { ServerCandidate, ServerLaunch } from '../../src/types.ts';
import { candidateKeys } from './candidate-keys.ts';
import type { DiscoveredCandidate, LaunchOption, Provenance, Runtime, ServerVerdict, SourceKind } from './discovered-candidate.ts';

export interface MergedCandidate {
  id: string;
  name: string;
  description?: string;
  runtime: Runtime;
  launch?: ServerLaunch;
  launches: LaunchOption[];
  npmPackage?: string;
  version?: string;
  registryName?: string;
  pypiPackage?: string;
  ociImage?: string;
  remoteUrl?: string;
  repository?: string;
  category?: string;
  verdict?: ServerVerdict;
  keys: string[];
  notes: string[];
  provenance: Provenance[];
}

/** Which source's name and description to show first: curated, then declared, then measured, then scraped. */
const SOURCE_RANK: Record<SourceKind, number> = { seed: 0, registry: 1, npm: 2, html: 3 };

export function mergeCandidates(candidates: readonly DiscoveredCandidate[]): MergedCandidate[] {
  const keys = candidates.map(candidateKeys);
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  const strongOf = new Map<number, Set<string>>();
  const strong = (root: number) => strongOf.get(root) ?? new Set<string>();
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    parent[gone] = keep;
    strongOf.set(keep, new Set([...strong(keep), ...strong(gone)]));
    strongOf.delete(gone);
  };
  keys.forEach((k, i) => strongOf.set(i, new Set(k.strong)));

  // Strong keys always link.
  const owner = new Map<string, number>();
  keys.forEach((k, i) => {
    for (const key of k.strong) {
      const first = owner.get(key);
      if (first === undefined) owner.set(key, i);
      else union(first, i);
    }
  });

  // Weak keys link only without a contradiction.
  const byWeak = new Map<string, number[]>();
  keys.forEach((k, i) => k.weak.forEach((key) => byWeak.set(key, [...(byWeak.get(key) ?? []), i])));
  const ambiguous = new Set<number>();
  for (const members of byWeak.values()) {
    const roots = () => [...new Set(members.map(find))];
    const withStrong = roots().filter((r) => strong(r).size > 0);
    for (let i = 0; i < withStrong.length; i += 1) {
      for (let j = i + 1; j < withStrong.length; j += 1) {
        const a = withStrong[i];
        const b = withStrong[j];
        if (a !== undefined && b !== undefined && !contradicts(strong(find(a)), strong(find(b)))) union(a, b);
      }
    }
    const strongRoots = [...new Set(withStrong.map(find))];
    const weakOnly = roots().filter((r) => strong(r).size === 0);
    const target = strongRoots.length === 1 ? strongRoots[0] : strongRoots.length === 0 ? weakOnly[0] : undefined;
    if (target === undefined) weakOnly.forEach((r) => ambiguous.add(r));
    else weakOnly.forEach((r) => union(target, r));
  }

  const groups = new Map<number, number[]>();
  candidates.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const merged = [...groups.entries()].map(([root, members]) => {
    const entry = mergeGroup(members.map((i) => candidates[i]).filter((c) => c !== undefined), members.flatMap((i) => [...(keys[i]?.strong ?? []), ...(keys[i]?.weak ?? [])]));
    if (ambiguous.has(root)) entry.notes.push('its repository holds several known servers; not linked to any of them');
    return entry;
  });
  merged.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Map<string, number>();
  for (const entry of merged) {
    const n = (used.get(entry.id) ?? 0) + 1;
    used.set(entry.id, n);
    if (n > 1) entry.id = `${entry.id}-${n}`;
  }
  return merged;
}

/** Two groups contradict when, for some kind of strong key, both have one and they share none. */
function contradicts(a: Set<string>, b: Set<string>): boolean {
  const kinds = new Set([...a, ...b].map((k) => k.slice(0, k.indexOf(':'))));
  for (const kind of kinds) {
    const inA = [...a].filter((k) => k.startsWith(`${kind}:`));
    const inB = [...b].filter((k) => k.startsWith(`${kind}:`));
    if (inA.length > 0 && inB.length > 0 && !inA.some((k) => inB.includes(k))) return true;
  }
  return false;
}

function mergeGroup(members: DiscoveredCandidate[], keys: string[]): MergedCandidate {
  const ranked = [...members].sort((a, b) => rank(a) - rank(b));
  const pick = <K extends keyof DiscoveredCandidate>(field: K): DiscoveredCandidate[K] | undefined => ranked.find((m) => m[field] !== undefined)?.[field];
  const launches = dedupeLaunches(members.flatMap((m) => m.launches)).sort((a, b) => specificity(b) - specificity(a));
  const best = launches[0];
  // The measured npm verdict beats a declared one: it looked at the package itself.
  const verdict = members.find((m) => m.provenance.some((p) => p.source === 'npm') && m.verdict)?.verdict ?? pick('verdict');
  const entry: MergedCandidate = {
    id: '',
    name: pick('name') ?? 'unnamed',
    runtime: best?.runtime ?? 'unknown',
    launches,
    keys: [...new Set(keys)].sort(),
    notes: [...new Set(members.flatMap((m) => m.notes))],
    provenance: dedupeProvenance(members.flatMap((m) => m.provenance)),
  };
  const description = pick('description');
  if (description !== undefined) entry.description = description;
  if (best !== undefined) entry.launch = best.launch;
  const npm = best?.launch.npmPackage ?? pick('npmPackage');
  if (npm !== undefined) entry.npmPackage = npm;
  const version = best?.launch.npmVersion ?? pick('version');
  if (version !== undefined) entry.version = version;
  for (const field of ['registryName', 'pypiPackage', 'ociImage', 'remoteUrl', 'repository', 'category'] as const) {
    const value = pick(field);
    if (value !== undefined) entry[field] = value;
  }
  if (verdict !== undefined) entry.verdict = verdict;
  entry.id = slug(entry.npmPackage ?? entry.registryName ?? entry.pypiPackage ?? entry.repository?.replace(/^https?:\/\/github\.com\//, '') ?? entry.name);
  return entry;
}

function rank(candidate: DiscoveredCandidate): number {
  return Math.min(...candidate.provenance.map((p) => SOURCE_RANK[p.source]));
}

/** Runtimes we can run come first; then exact versions, a chosen bin and declared env names. */
function specificity(option: LaunchOption): number {
  const runtime = { npm: 30, remote: 20, pypi: 10, oci: 0 }[option.runtime];
  const l = option.launch;
  return runtime + (l.npmVersion !== undefined ? 4 : 0) + (l.bin !== undefined ? 1 : 0) + (Object.keys(l.env).length > 0 ? 1 : 0);
}

function dedupeLaunches(options: LaunchOption[]): LaunchOption[] {
  const seen = new Map<string, LaunchOption>();
  for (const option of options) {
    const key = [option.runtime, option.package ?? '', option.launch.npmVersion ?? '', option.launch.url ?? '', option.launch.bin ?? ''].join('|');
    if (!seen.has(key)) seen.set(key, option);
  }
  return [...seen.values()];
}

function dedupeProvenance(list: Provenance[]): Provenance[] {
  const seen = new Map<string, Provenance>();
  for (const p of list) seen.set(`${p.source}|${p.ref}`, seen.get(`${p.source}|${p.ref}`) ?? p);
  return [...seen.values()].sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/^@/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'server'
  );
}

/** The pipeline's ServerCandidate, for entries we know how to launch. */
export function toServerCandidate(entry: MergedCandidate): ServerCandidate | undefined {
  if (entry.launch === undefined) return undefined;
  const candidate: ServerCandidate = {
    id: entry.id,
    name: entry.name,
    source: [...new Set(entry.provenance.map((p) => p.source))].join('+'),
    launch: entry.launch,
  };
  if (entry.description !== undefined) candidate.description = entry.description;
  if (entry.repository !== undefined) candidate.repository = entry.repository;
  if (entry.version !== undefined) candidate.version = entry.version;
  if (entry.category !== undefined) candidate.domain = entry.category;
  return candidate;
}
