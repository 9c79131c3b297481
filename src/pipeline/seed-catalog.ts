// Reads a curated seed list (data/seeds/servers.json) into server candidates. The file is input
// from people: every problem is reported as one line naming the file, the entry and the field.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { McpRiskError, errorMessage } from '../errors.ts';
import type { ServerCandidate } from '../types.ts';

const DOMAINS = [
  'reference', 'filesystem', 'git', 'browser', 'database', 'saas', 'search',
  'messaging', 'cloud', 'payments', 'productivity', 'other',
] as const;

const seedEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase kebab-case (a-z, 0-9, -)'),
  name: z.string().min(1),
  description: z.string().optional(),
  domain: z.enum(DOMAINS),
  package: z.string().regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i, 'must be an npm package name').optional(),
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][\w.-]+)?$/, 'must be an exact version such as 1.2.3').optional(),
  /** A local server script run with node (your own server, a fixture), relative to the seed file. */
  entry: z.string().min(1).optional(),
  /** A remote server: its URL (streamable HTTP, with SSE as the fallback) and the headers it needs. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  transport: z.enum(['streamable-http', 'sse']).optional(),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'), z.string()).optional(),
  bin: z.string().min(1).optional(),
  args: z.array(z.string()).default([]),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'), z.string()).default({}),
  repository: z.url().optional(),
}).superRefine((entry, ctx) => {
  if (entry.entry === undefined && entry.package === undefined && entry.url === undefined) {
    ctx.addIssue({ code: 'custom', path: ['package'], message: 'is required (or "entry" for a local server script, or "url" for a remote server)' });
  }
  if (entry.package !== undefined && entry.version === undefined) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: 'is required with "package": pin an exact version such as 1.2.3' });
  }
});

const seedFile = z.strictObject({ servers: z.array(z.unknown()).min(1, 'lists no servers') });

export type SeedEntry = z.infer<typeof seedEntry>;

/**
 * Looks up `${NAME}` references in env and header values. Credentials live in the environment (or a
 * secrets manager feeding it), never in the seed file; an unset name stays a visible placeholder.
 */
export type CredentialLookup = (name: string) => string | undefined;

export async function loadSeedCatalog(file: string, lookup: CredentialLookup = () => undefined): Promise<ServerCandidate[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new McpRiskError('BAD_SEED_FILE', `${file}: cannot read the seed file (${errorMessage(error)})`);
  }
  return parseSeedCatalog(text, file, lookup);
}

export function parseSeedCatalog(text: string, file: string, lookup: CredentialLookup = () => undefined): ServerCandidate[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new McpRiskError('BAD_SEED_FILE', `${file}: not valid JSON (${errorMessage(error)})`);
  }
  const top = seedFile.safeParse(json);
  if (!top.success) {
    throw new McpRiskError('BAD_SEED_FILE', `${file}: ${describeIssue(top.error.issues[0], 'the file')}`, {
      hint: 'the file must be {"servers": [ … ]}; see data/seeds/README.md',
    });
  }
  const seen = new Set<string>();
  return top.data.servers.map((raw, index) => {
    const label = entryLabel(raw, index);
    const parsed = seedEntry.safeParse(raw);
    if (!parsed.success) {
      throw new McpRiskError('BAD_SEED_FILE', `${file}: ${label}: ${describeIssue(parsed.error.issues[0], 'entry')}`, {
        hint: 'see data/seeds/README.md for the entry format',
      });
    }
    if (seen.has(parsed.data.id)) {
      throw new McpRiskError('BAD_SEED_FILE', `${file}: ${label}: field "id": duplicate id "${parsed.data.id}"`);
    }
    seen.add(parsed.data.id);
    return toCandidate(parsed.data, path.dirname(path.resolve(file)), lookup);
  });
}

function entryLabel(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? ` (id "${raw.id}")` : '';
  return `servers[${index}]${id}`;
}

function describeIssue(issue: z.core.$ZodIssue | undefined, what: string): string {
  if (!issue) return `invalid ${what}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const field = issue.path.map(String).join('.');
  return field ? `field "${field}": ${issue.message}` : issue.message;
}

function toCandidate(entry: SeedEntry, baseDir: string, lookup: CredentialLookup): ServerCandidate {
  const resolve = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (ref, name: string) => lookup(name) ?? ref)]));
  const candidate: ServerCandidate = {
    id: entry.id,
    name: entry.name,
    source: 'seed',
    domain: entry.domain,
    launch: {
      transport: entry.url !== undefined ? (entry.transport ?? 'streamable-http') : 'stdio',
      args: entry.args,
      env: resolve(entry.env),
      ...(entry.url !== undefined ? { url: entry.url } : {}),
      ...(entry.headers !== undefined ? { headers: resolve(entry.headers) } : {}),
      ...(entry.package !== undefined ? { npmPackage: entry.package } : {}),
      ...(entry.version !== undefined ? { npmVersion: entry.version } : {}),
      ...(entry.entry !== undefined ? { entry: path.resolve(baseDir, entry.entry) } : {}),
      ...(entry.bin !== undefined ? { bin: entry.bin } : {}),
    },
  };
  if (entry.version !== undefined) candidate.version = entry.version;
  if (entry.description !== undefined) candidate.description = entry.description;
  if (entry.repository !== undefined) candidate.repository = entry.repository;
  return candidate;
}
