// Validates one raw tool from a tools/list page. A malformed tool is dropped with its reason; the
// server's other tools are kept (the MCP Inspector's "listSalvage" approach).
import { z } from 'zod';
import { safeDeep } from '../src/safe-text.ts';
import type { ToolAnnotations, ToolDefinition } from '../src/types.ts';

/** Longer descriptions are cut (and the cut is visible): nothing legitimate needs more. */
export const MAX_DESCRIPTION_CHARS = 64 * 1024;
const MAX_NAME_CHARS = 256;

const jsonObject = z.record(z.string(), z.unknown());

const rawTool = z.object({
  name: z.string().min(1, 'empty name').max(MAX_NAME_CHARS, `name longer than ${MAX_NAME_CHARS} characters`),
  title: z.string().optional().catch(undefined),
  description: z.string().optional(),
  inputSchema: jsonObject.optional(),
  outputSchema: jsonObject.optional().catch(undefined),
  annotations: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export type NormalizeResult = { ok: true; tool: ToolDefinition } | { ok: false; name?: string; reason: string };

export function normalizeTool(raw: unknown): NormalizeResult {
  const parsed = rawTool.safeParse(safeDeep(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const name = typeof raw === 'object' && raw !== null && 'name' in raw && typeof raw.name === 'string' ? raw.name : undefined;
    const result: NormalizeResult = { ok: false, reason: `${where}${issue?.message ?? 'invalid tool'}` };
    if (name !== undefined) result.name = name;
    return result;
  }
  const value = parsed.data;
  const tool: ToolDefinition = { name: value.name };
  if (value.title !== undefined) tool.title = value.title;
  if (value.description !== undefined) tool.description = capDescription(value.description);
  if (value.inputSchema !== undefined) tool.inputSchema = value.inputSchema;
  if (value.outputSchema !== undefined) tool.outputSchema = value.outputSchema;
  const annotations = normalizeAnnotations(value.annotations);
  if (annotations) tool.annotations = annotations;
  return { ok: true, tool };
}

function capDescription(text: string): string {
  if (text.length <= MAX_DESCRIPTION_CHARS) return text;
  return `${text.slice(0, MAX_DESCRIPTION_CHARS)}… [cut by mcp-risk: ${text.length} characters in all]`;
}

/** Keep only the spec's annotation fields, and only with the right types. */
function normalizeAnnotations(raw: Record<string, unknown> | undefined): ToolAnnotations | undefined {
  if (!raw) return undefined;
  const out: ToolAnnotations = {};
  if (typeof raw['title'] === 'string') out.title = raw['title'];
  for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    const value = raw[key];
    if (typeof value === 'boolean') out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
