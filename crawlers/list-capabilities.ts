// Lists a connected server's tools page by page, following nextCursor, salvaging what it can.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
import type { DroppedTool, ToolDefinition } from '../src/types.ts';
import { normalizeTool } from './normalize-tool.ts';

/** A page is accepted leniently; each tool in it is then validated on its own. */
const lenientToolsPage = z.looseObject({
  tools: z.array(z.unknown()),
  nextCursor: z.string().optional(),
});

export interface ListToolsOptions {
  /** Stop after this many pages: an endless cursor must not hang the crawl. */
  maxPages?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ListedTools {
  tools: ToolDefinition[];
  dropped: DroppedTool[];
  pages: number;
  /** Set when the page cap stopped the listing. */
  truncated: boolean;
}

export async function listAllTools(client: Client, options: ListToolsOptions = {}): Promise<ListedTools> {
  const maxPages = options.maxPages ?? 100;
  const tools: ToolDefinition[] = [];
  const dropped: DroppedTool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let index = 0;
  do {
    if (pages >= maxPages) return { tools, dropped, pages, truncated: true };
    const requestOptions = {
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const page = await client.request(
      { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
      lenientToolsPage,
      requestOptions,
    );
    pages += 1;
    for (const raw of page.tools) {
      const result = normalizeTool(raw);
      if (!result.ok) {
        dropped.push({ index, reason: result.reason, ...(result.name !== undefined ? { name: result.name } : {}) });
      } else if (seen.has(result.tool.name)) {
        dropped.push({ index, name: result.tool.name, reason: 'duplicate tool name' });
      } else {
        seen.add(result.tool.name);
        tools.push(result.tool);
      }
      index += 1;
    }
    // A cursor that does not move would loop forever.
    cursor = page.nextCursor && page.nextCursor !== cursor ? page.nextCursor : undefined;
  } while (cursor !== undefined);
  return { tools, dropped, pages, truncated: false };
}

const lenientPromptsPage = z.looseObject({ prompts: z.array(z.unknown()), nextCursor: z.string().optional() });
const lenientResourcesPage = z.looseObject({ resources: z.array(z.unknown()), nextCursor: z.string().optional() });

const promptItem = z.object({
  name: z.string().min(1),
  title: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  arguments: z
    .array(z.object({ name: z.string(), description: z.string().optional().catch(undefined), required: z.boolean().optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});

const resourceItem = z.object({
  uri: z.string().min(1),
  name: z.string(),
  title: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  mimeType: z.string().optional().catch(undefined),
});

/** Prompts or resources, page by page; malformed items are skipped (they are context, not the catalog's subject). */
export async function listAllItems<T>(
  client: Client,
  kind: 'prompts' | 'resources',
  options: ListToolsOptions = {},
): Promise<T[]> {
  const schema = kind === 'prompts' ? lenientPromptsPage : lenientResourcesPage;
  const item = kind === 'prompts' ? promptItem : resourceItem;
  const out: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    if (pages >= (options.maxPages ?? 100)) break;
    const page = await client.request(
      { method: `${kind}/list`, params: cursor === undefined ? {} : { cursor } },
      schema,
      { ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}), ...(options.signal ? { signal: options.signal } : {}) },
    );
    pages += 1;
    const items = kind === 'prompts' ? lenientPromptsPage.parse(page).prompts : lenientResourcesPage.parse(page).resources;
    for (const raw of items) {
      const parsed = item.safeParse(raw);
      if (parsed.success) out.push(stripUndefined(parsed.data) as T);
    }
    cursor = page.nextCursor && page.nextCursor !== cursor ? page.nextCursor : undefined;
  } while (cursor !== undefined);
  return out;
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
