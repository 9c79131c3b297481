// The HTTP API's query strings, validated with zod at the boundary: unknown or repeated parameters
// are refused (a typo like ?tools= must not silently mean "no filter"), and every problem is named.
import { z } from 'zod';
import { McpRiskError } from '../errors.ts';
import { FORMAT_NAMES } from '../policy/formats/index.ts';

// Field definitions shared with the MCP server's tool input schemas, so both surfaces accept the same.
export const toolNameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(512, 'is longer than 512 characters')
  .describe('Tool name: bare (delete_file), server-qualified (filesystem/delete_file) or as clients show it (mcp__filesystem__delete_file).');
export const serverField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(256, 'is longer than 256 characters')
  .describe('Server id, when several servers have a tool of that name.');
export const formatField = z
  .enum(FORMAT_NAMES, { error: () => `must be one of: ${FORMAT_NAMES.join(', ')}` })
  .describe(`Policy format: ${FORMAT_NAMES.join(', ')}.`);
export const aliasField = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'is longer than 128 characters')
  .describe('The key your client config gives the server (claude-code, codex, toolhive, docker formats).');

// `?merge`, `?merge=1` and `?merge=true` all mean yes; anything unexpected is an error, not a no.
const flagField = z
  .enum(['', '1', 'true', 'yes', '0', 'false', 'no'], { error: () => 'must be 1, true, 0 or false' })
  .transform((value) => value === '' || value === '1' || value === 'true' || value === 'yes');

export const toolsQuerySchema = z.strictObject({ name: toolNameField, server: serverField.optional() });
export const policyQuerySchema = z.strictObject({
  tool: toolNameField,
  server: serverField.optional(),
  format: formatField.default('v1'),
  alias: aliasField.optional(),
  merge: flagField.default(false),
});
export const emptyQuerySchema = z.strictObject({});

/** Parse a query string against a schema; a bad query is a BAD_FLAG error naming every problem. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams, route: string): z.output<S> {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of params) {
    if (Object.hasOwn(raw, key)) problems.push(`query parameter "${key}" is given more than once`);
    else raw[key] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        problems.push(`unknown query parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
      } else if (issue.code === 'invalid_type' && issue.input === undefined) {
        problems.push(`query parameter "${String(issue.path[0])}" is required`);
      } else {
        problems.push(`query parameter "${String(issue.path[0])}" ${issue.message}`);
      }
    }
  }
  if (problems.length > 0 || !parsed.success) {
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    throw new McpRiskError('BAD_FLAG', `bad query for ${route}: ${problems.join('; ')}`, {
      hint: allowed.length > 0 ? `${route} takes: ${allowed.join(', ')} (see /openapi.json)` : `${route} takes no query parameters`,
    });
  }
  return parsed.data;
}
