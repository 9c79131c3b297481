// Content hashes that identify a tool definition (and a server's tool set) across crawls and servers.
import { createHash } from 'node:crypto';
import type { ServerContext, ToolDefinition } from './types.ts';

/** JSON with object keys sorted at every depth, so equal content always serialises the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortKeys(child);
    }
    return out;
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function toolDefinitionHash(tool: ToolDefinition): string {
  return sha256(
    canonicalJson({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
    }),
  );
}

/** Order-independent: the same tools listed in another order are the same tool set. */
export function toolSetHash(definitionHashes: readonly string[]): string {
  return sha256([...definitionHashes].sort().join('\n'));
}

export function serverContextHash(context: ServerContext): string {
  return sha256(canonicalJson({ name: context.name, description: context.description ?? null })).slice(0, 16);
}
