// `--npm PACKAGE[@VERSION]`: the exact version to install. A dist-tag ("latest" when none is given,
// "next", …) is resolved through the registry's packument, so the install cache is keyed by a real
// version and a rerun next month scans what "latest" is then, not a stale copy.
import { z } from 'zod';
import { normalizeNpmName } from '../../crawlers/sources/candidate-keys.ts';
import { fetchWithRetry, type RetryOptions } from '../../crawlers/sources/fetch-with-retry.ts';
import { packumentUrl } from '../../crawlers/sources/npm-packument.ts';
import { McpRiskError } from '../errors.ts';

export const NPM_REGISTRY_URL = 'https://registry.npmjs.org';

export interface NpmSpec {
  name: string;
  /** A version or dist-tag; undefined means "latest". */
  version: string | undefined;
}

export interface ResolvedPackage {
  name: string;
  version: string;
  description?: string;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const packumentSchema = z.object({
  'dist-tags': z.record(z.string(), z.string()),
  versions: z.record(z.string(), z.looseObject({ description: z.string().optional().catch(undefined) })),
});

export function parseNpmSpec(spec: string): NpmSpec {
  const text = spec.trim();
  const at = text.lastIndexOf('@');
  const name = at > 0 ? text.slice(0, at) : text;
  const version = at > 0 ? text.slice(at + 1) : undefined;
  if (normalizeNpmName(name) !== name) {
    throw new McpRiskError('BAD_FLAG', `--npm "${spec}" is not an npm package name`, { hint: 'e.g. --npm @modelcontextprotocol/server-memory or --npm some-mcp-server@1.2.3' });
  }
  if (version !== undefined && version.length === 0) {
    throw new McpRiskError('BAD_FLAG', `--npm "${spec}" ends with "@" but names no version`, { hint: `drop the "@" for the latest version, or add one: ${name}@1.0.0` });
  }
  return { name, version };
}

export async function resolveNpmPackage(spec: NpmSpec, options: { registryUrl?: string; retry?: RetryOptions } = {}): Promise<ResolvedPackage> {
  const url = packumentUrl(options.registryUrl ?? NPM_REGISTRY_URL, spec.name);
  let text: string;
  let status: number;
  try {
    ({ text, status } = await fetchWithRetry(url, { attempts: 3, timeoutMs: 20_000, headers: { accept: 'application/json' }, ...options.retry }));
  } catch (error) {
    throw new McpRiskError('SCAN_TARGET_FAILED', `cannot read ${spec.name} from the npm registry: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'check the network, or pin a version (--npm name@1.2.3) that is already in the install cache',
    });
  }
  if (status === 404) throw new McpRiskError('BAD_FLAG', `npm has no package named "${spec.name}"`, { hint: 'check the spelling, with its scope (@owner/name)' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new McpRiskError('SCAN_TARGET_FAILED', `the npm registry answered for ${spec.name} with something that is not JSON`);
  }
  const packument = packumentSchema.safeParse(json);
  if (!packument.success) throw new McpRiskError('SCAN_TARGET_FAILED', `the npm registry's document for ${spec.name} is not a packument`);
  const wanted = spec.version ?? 'latest';
  const { 'dist-tags': tags, versions } = packument.data;
  const version = Object.hasOwn(tags, wanted) ? tags[wanted] : EXACT_VERSION.test(wanted) ? wanted : undefined;
  if (version === undefined || !Object.hasOwn(versions, version)) {
    const known = Object.keys(tags).sort().join(', ');
    throw new McpRiskError('BAD_FLAG', `${spec.name} has no version or dist-tag "${wanted}"`, {
      hint: `pass an exact version or one of its dist-tags (${known || 'none'}); ranges are not resolved`,
    });
  }
  const description = versions[version]?.description;
  return description === undefined ? { name: spec.name, version } : { name: spec.name, version, description };
}
