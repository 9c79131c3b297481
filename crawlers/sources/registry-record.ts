// server.json records from the official MCP registry (API /v0 and /v0.1), validated with zod and
// mapped to discovered candidates. The reader is tolerant where the spec allows variety (unknown
// registry types, extra fields) and strict where we would act on the value (names, URLs, env names).
import { z } from 'zod';
import { normalizeGitHubUrl, normalizeNpmName } from './candidate-keys.ts';
import { npmLaunch, type DiscoveredCandidate, type LaunchOption } from './discovered-candidate.ts';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const transportSchema = z.object({
  type: z.enum(['stdio', 'streamable-http', 'sse']),
  url: z.string().optional(),
});

const environmentVariableSchema = z.object({
  name: z.string().regex(ENV_NAME, 'must be an environment variable name'),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
});

const packageSchema = z.object({
  registryType: z.string().min(1),
  identifier: z.string().min(1).max(300),
  version: z.string().min(1).max(100).optional(),
  runtimeHint: z.string().optional(),
  transport: transportSchema.optional(),
  environmentVariables: z.array(environmentVariableSchema).optional(),
});

const remoteSchema = z.object({
  type: z.enum(['streamable-http', 'sse']),
  url: z.string().regex(/^https?:\/\//, 'must be an http(s) URL'),
});

export const serverDetailSchema = z.object({
  name: z.string().min(3).max(200).regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/, 'must be a reverse-DNS name such as io.github.owner/name'),
  title: z.string().optional(),
  description: z.string().min(1),
  version: z.string().min(1).max(255),
  websiteUrl: z.string().optional(),
  repository: z.object({ url: z.string(), source: z.string().optional(), subfolder: z.string().optional() }).optional(),
  packages: z.array(packageSchema).optional(),
  remotes: z.array(remoteSchema).optional(),
});
export type ServerDetail = z.infer<typeof serverDetailSchema>;

const officialMetaSchema = z.object({
  status: z.string().optional(),
  isLatest: z.boolean().optional(),
  publishedAt: z.string().optional(),
});

/** v0.1 wraps the record: {server, _meta}; older /v0 answers put it flat with _meta inside. */
const wrappedSchema = z.object({
  server: serverDetailSchema,
  _meta: z.object({ 'io.modelcontextprotocol.registry/official': officialMetaSchema.optional() }).optional(),
});
const flatSchema = serverDetailSchema.extend({
  _meta: z.object({ 'io.modelcontextprotocol.registry/official': officialMetaSchema.optional() }).optional(),
});

export type ParsedRecord =
  | { ok: true; server: ServerDetail; status: string | undefined }
  | { ok: false; ref: string; reason: string };

export function parseRegistryRecord(raw: unknown, index: number): ParsedRecord {
  const isWrapped = typeof raw === 'object' && raw !== null && 'server' in raw;
  const parsed = isWrapped ? wrappedSchema.safeParse(raw) : flatSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, ref: recordRef(raw, index), reason: describeIssues(parsed.error.issues) };
  const server = 'server' in parsed.data ? parsed.data.server : parsed.data;
  return { ok: true, server, status: parsed.data._meta?.['io.modelcontextprotocol.registry/official']?.status };
}

function recordRef(raw: unknown, index: number): string {
  const inner = typeof raw === 'object' && raw !== null && 'server' in raw ? raw.server : raw;
  if (typeof inner === 'object' && inner !== null && 'name' in inner && typeof inner.name === 'string') return inner.name.slice(0, 200);
  return `record #${index}`;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field ? `field "${field}": ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Candidate launch options in order of preference: npm (we can run it), remote, PyPI, OCI. */
export function registryRecordToCandidate(server: ServerDetail, recordUrl: string): DiscoveredCandidate {
  const launches: LaunchOption[] = [];
  const notes: string[] = [];
  for (const pkg of server.packages ?? []) {
    const env = Object.fromEntries((pkg.environmentVariables ?? []).map((v) => [v.name, 'placeholder']));
    const type = pkg.registryType.toLowerCase();
    const stdio = (pkg.transport?.type ?? 'stdio') === 'stdio';
    if (type === 'npm') {
      const name = normalizeNpmName(pkg.identifier);
      if (!name) {
        notes.push(`npm package "${pkg.identifier}" is not a valid npm name; ignored`);
        continue;
      }
      const launch = stdio ? npmLaunch(name, pkg.version, env) : { ...npmLaunch(name, pkg.version, env), transport: pkg.transport?.type ?? 'stdio' };
      launches.push({ runtime: 'npm', launch, package: name });
    } else if (type === 'pypi') {
      const spec = pkg.version !== undefined ? `${pkg.identifier}==${pkg.version}` : pkg.identifier;
      launches.push({ runtime: 'pypi', package: pkg.identifier, launch: { transport: 'stdio', command: 'uvx', args: [spec], env }, note: `runtime uvx: uvx ${spec}` });
    } else if (type === 'oci') {
      launches.push({ runtime: 'oci', package: pkg.identifier, launch: { transport: 'stdio', args: [], env }, note: `runtime docker: docker run -i ${pkg.identifier}` });
    } else {
      notes.push(`package type "${pkg.registryType}" (${pkg.identifier}) is not supported`);
    }
  }
  for (const remote of server.remotes ?? []) {
    launches.push({ runtime: 'remote', launch: { transport: remote.type, url: remote.url, args: [], env: {} } });
    if (/\{[^}]+\}/.test(remote.url)) notes.push(`remote URL ${remote.url} is a template: its variables must be filled in`);
  }
  const order = { npm: 0, remote: 1, pypi: 2, oci: 3 } as const;
  launches.sort((a, b) => order[a.runtime] - order[b.runtime]);
  const first = (runtime: LaunchOption['runtime']) => launches.find((l) => l.runtime === runtime);
  const repository = server.repository?.url !== undefined ? normalizeGitHubUrl(server.repository.url) : undefined;
  const candidate: DiscoveredCandidate = {
    name: server.title ?? server.name,
    description: server.description,
    runtime: launches[0]?.runtime ?? 'unknown',
    launches,
    registryName: server.name,
    version: server.version,
    notes,
    verdict: { isServer: true, confidence: 0.9, reasons: ['published as a server in the official MCP registry'] },
    provenance: [{ source: 'registry', ref: `${server.name}@${server.version}`, url: recordUrl }],
  };
  const npm = first('npm')?.package;
  const pypi = first('pypi')?.package;
  const oci = first('oci')?.package;
  const remote = first('remote')?.launch.url;
  if (npm !== undefined) candidate.npmPackage = npm;
  if (pypi !== undefined) candidate.pypiPackage = pypi;
  if (oci !== undefined) candidate.ociImage = oci;
  if (remote !== undefined) candidate.remoteUrl = remote;
  if (repository !== undefined) candidate.repository = `https://${repository}`;
  else if (server.repository?.url !== undefined) candidate.repository = server.repository.url;
  if (launches.length === 0) notes.push('the record lists no package or remote we can launch');
  return candidate;
}
