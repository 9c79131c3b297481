// An npm package's metadata document (packument) reduced to what discovery needs: the latest
// version's manifest. Only that manifest is validated; every field is tolerant on its own
// (`.catch(undefined)`) because old and hostile packages put strings where arrays belong, and one odd
// field must not lose the package.
import { z } from 'zod';
import { normalizeNpmName } from './candidate-keys.ts';
import { fetchWithRetry, type RetryOptions } from './fetch-with-retry.ts';

const stringRecord = z.record(z.string(), z.string());

const manifestSchema = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string().optional().catch(undefined),
  keywords: z
    .union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean))])
    .optional()
    .catch(undefined),
  bin: z.union([z.string().transform((s) => ({ '': s })), stringRecord]).optional().catch(undefined),
  dependencies: stringRecord.optional().catch(undefined),
  peerDependencies: stringRecord.optional().catch(undefined),
  repository: z
    .union([z.string(), z.object({ url: z.string().optional(), directory: z.string().optional() })])
    .optional()
    .catch(undefined),
  homepage: z.string().optional().catch(undefined),
  deprecated: z.union([z.string(), z.boolean()]).optional().catch(undefined),
});

const packumentSchema = z.object({
  name: z.string(),
  'dist-tags': z.object({ latest: z.string().optional() }).catchall(z.string()),
  versions: z.record(z.string(), z.unknown()),
  time: z.record(z.string(), z.string()).optional().catch(undefined),
});

/** The latest manifest, normalised. `bins` maps bin name → script ('' key when bin was a string). */
export interface PackageManifest {
  name: string;
  version: string;
  description?: string;
  keywords: string[];
  bins: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  repository?: string;
  homepage?: string;
  /** The deprecation message; present only when the latest version is deprecated. */
  deprecated?: string;
  publishedAt?: string;
}

export type PackumentResult = { ok: true; manifest: PackageManifest } | { ok: false; reason: string; notFound?: boolean };

export function parsePackument(json: unknown): PackumentResult {
  const doc = packumentSchema.safeParse(json);
  if (!doc.success) return { ok: false, reason: `not a packument (${doc.error.issues[0]?.message ?? 'invalid'})` };
  const latest = doc.data['dist-tags'].latest;
  if (latest === undefined) return { ok: false, reason: 'no "latest" dist-tag (unpublished?)' };
  const manifest = manifestSchema.safeParse(doc.data.versions[latest]);
  if (!manifest.success) return { ok: false, reason: `latest version ${latest}: ${manifest.error.issues[0]?.message ?? 'invalid manifest'}` };
  const m = manifest.data;
  const out: PackageManifest = {
    name: m.name,
    version: m.version,
    keywords: (m.keywords ?? []).map((k) => k.toLowerCase()),
    bins: Object.entries(m.bin ?? {}).map(([name]) => (name === '' ? unscoped(m.name) : name)),
    dependencies: m.dependencies ?? {},
    peerDependencies: m.peerDependencies ?? {},
  };
  if (m.description !== undefined) out.description = m.description;
  const repo = typeof m.repository === 'string' ? m.repository : m.repository?.url;
  if (repo !== undefined) out.repository = repo;
  if (m.homepage !== undefined) out.homepage = m.homepage;
  if (m.deprecated !== undefined && m.deprecated !== false) out.deprecated = m.deprecated === true ? 'deprecated' : m.deprecated;
  const publishedAt = doc.data.time?.[latest];
  if (publishedAt !== undefined) out.publishedAt = publishedAt;
  return { ok: true, manifest: out };
}

/** npm runs a string `bin` under the package's unscoped name. */
function unscoped(name: string): string {
  return name.replace(/^@[^/]+\//, '');
}

/** `@scope/name` → `@scope%2Fname`, as the registry expects. */
export function packumentUrl(baseUrl: string, name: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name)}`;
}

export async function fetchPackument(baseUrl: string, rawName: string, retry?: RetryOptions): Promise<PackumentResult> {
  const name = normalizeNpmName(rawName);
  if (name === undefined) return { ok: false, reason: `"${rawName.slice(0, 100)}" is not an npm package name` };
  const response = await fetchWithRetry(packumentUrl(baseUrl, name), retry);
  if (response.status === 404) return { ok: false, reason: 'not found in the registry (HTTP 404)', notFound: true };
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    return { ok: false, reason: 'packument is not JSON' };
  }
  return parsePackument(json);
}
