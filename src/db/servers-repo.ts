import { eq, sql } from 'drizzle-orm';
import { serverContextHash } from '../definition-hash.ts';
import type { ServerCandidate, ServerLaunch } from '../types.ts';
import type { Db } from './connect.ts';
import { servers, type StoredLaunch } from './schema.ts';

export type ServerRow = typeof servers.$inferSelect;

/** Insert or refresh catalog entries; credentials never reach the database, only variable names. */
export async function upsertServers(db: Db, candidates: readonly ServerCandidate[]): Promise<void> {
  if (candidates.length === 0) return;
  const rows = candidates.map((c) => {
    return {
      id: c.id,
      name: c.name,
      description: c.description ?? null,
      source: c.source,
      domain: c.domain ?? null,
      npmPackage: c.launch.npmPackage ?? null,
      remoteUrl: c.launch.url ?? null,
      repository: c.repository ?? null,
      version: c.version ?? c.launch.npmVersion ?? null,
      contextHash: serverContextHash(serverContextOf(c)),
      launch: storableLaunch(c.launch),
    };
  });
  await db
    .insert(servers)
    .values(rows)
    .onConflictDoUpdate({
      target: servers.id,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        source: sql`excluded.source`,
        domain: sql`excluded.domain`,
        npmPackage: sql`excluded.npm_package`,
        remoteUrl: sql`excluded.remote_url`,
        repository: sql`excluded.repository`,
        version: sql`excluded.version`,
        contextHash: sql`excluded.context_hash`,
        launch: sql`excluded.launch`,
        updatedAt: sql`now()`,
      },
    });
}

/** What may be stored of a launch: no credential values, only the names of what it needs. */
export function storableLaunch(launch: ServerLaunch): StoredLaunch {
  const { env, headers, ...rest } = launch;
  return { ...rest, envNames: Object.keys(env).sort(), ...(headers ? { headerNames: Object.keys(headers).sort() } : {}) };
}

export function serverContextOf(c: { name: string; description?: string | null | undefined }) {
  return c.description ? { name: c.name, description: c.description } : { name: c.name };
}

export async function getServer(db: Db, id: string): Promise<ServerRow | undefined> {
  const rows = await db.select().from(servers).where(eq(servers.id, id)).limit(1);
  return rows[0];
}

export async function listServerIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: servers.id }).from(servers).orderBy(servers.id);
  return rows.map((r) => r.id);
}
