// The OpenAPI 3.1 document served at /openapi.json. Written by hand from the routes and the answer
// types; test/api/openapi.test.ts keeps it honest (every route documented and nothing more, and real
// answers validated against these schemas).
import { FORMAT_NAMES } from '../policy/formats/index.ts';
import { policyJsonSchema } from '../policy/policy-schema.ts';
import { CATEGORIES, RISKS, TAGS } from '../types.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string) => ({ type: [type, 'null'] });
const json = (schema: object) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('ErrorBody')) });
const strict = (properties: Record<string, object>, optional: readonly string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

const toolNameParameter = (name: string) => ({
  name,
  in: 'query',
  required: true,
  description: 'Tool name: bare (delete_file), server-qualified (filesystem/delete_file) or as clients show it (mcp__filesystem__delete_file).',
  schema: { type: 'string', minLength: 1, maxLength: 512 },
});
const serverParameter = {
  name: 'server',
  in: 'query',
  required: false,
  description: 'Only this server\'s tool (a server id), when several servers have a tool of that name.',
  schema: { type: 'string', minLength: 1, maxLength: 256 },
};
const badQuery = errorResponse('Bad query: a missing, unknown, repeated or invalid parameter (code BAD_QUERY).');
const unknownTool = errorResponse('No such tool (code UNKNOWN_TOOL); error.suggestions lists close names.');

function policySchemaForOpenApi(): Record<string, unknown> {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12 already; the dialect is declared once, at the top.
  const { $schema: _dialect, ...schema } = policyJsonSchema();
  return schema;
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'mcp-risk',
      version: '1',
      description:
        'What MCP server tools do (Read/Write/Delete), how risky they are (Low…Critical), and the policy that should guard them. Answers are JSON with sorted keys; errors are {error:{code,message,hint}}.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'http://127.0.0.1:8787', description: '`mcp-risk serve` defaults' }],
    paths: {
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness: the server answers and its database does.',
          responses: {
            200: { description: 'Healthy.', content: json(ref('Health')) },
            503: errorResponse('The database is unavailable (code DB_UNAVAILABLE).'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document.',
          responses: { 200: { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) } },
        },
      },
      '/v1/tools': {
        get: {
          operationId: 'findTools',
          summary: 'Every current tool of a name, across servers, with its category, risk, confidence and rationale.',
          parameters: [toolNameParameter('name'), serverParameter],
          responses: { 200: { description: 'One match per server listing the tool.', content: json(ref('ToolsResponse')) }, 400: badQuery, 404: unknownTool },
        },
      },
      '/v1/servers/{id}': {
        get: {
          operationId: 'getServer',
          summary: 'A server, its last crawl, its current tools with labels, and its whole-server policy (default deny).',
          parameters: [{ name: 'id', in: 'path', required: true, description: 'Server id; a "/" in it is sent as %2F.', schema: { type: 'string' } }],
          responses: {
            200: { description: 'The server.', content: json(ref('ServerDetail')) },
            400: badQuery,
            404: errorResponse('No such server (code UNKNOWN_SERVER); error.suggestions lists close ids.'),
          },
        },
      },
      '/v1/policy': {
        get: {
          operationId: 'getPolicy',
          summary: 'The recommended policy for a tool, in our v1 format or a client/gateway format.',
          description:
            'A name that several servers have is ambiguous: the answer is 409 with the matches, unless server= names one or merge=1 asks for the most conservative policy over all of them.',
          parameters: [
            toolNameParameter('tool'),
            serverParameter,
            { name: 'format', in: 'query', required: false, description: 'Output format.', schema: { type: 'string', enum: [...FORMAT_NAMES], default: 'v1' } },
            { name: 'alias', in: 'query', required: false, description: 'The key your client config gives the server (claude-code, codex, toolhive, docker).', schema: { type: 'string', minLength: 1, maxLength: 128 } },
            { name: 'merge', in: 'query', required: false, description: 'When several servers have the tool, give the most conservative policy over all of them.', schema: { type: 'string', enum: ['', '1', 'true', 'yes', '0', 'false', 'no'], default: '0' } },
          ],
          responses: {
            200: {
              description: 'The policy file\'s text. format=v1 is a Policy; claude-code (settings.json) and toolhive (authz config) are those clients\' JSON; codex is TOML; docker is YAML.',
              headers: { 'Content-Disposition': { description: 'The file name the text belongs in.', schema: { type: 'string' } } },
              content: {
                'application/json': { schema: { anyOf: [ref('Policy'), { type: 'object' }] } },
                'application/toml': { schema: { type: 'string' } },
                'application/yaml': { schema: { type: 'string' } },
              },
            },
            400: badQuery,
            404: unknownTool,
            409: { description: 'Ambiguous: several servers have the tool (code AMBIGUOUS_TOOL).', content: json(ref('Ambiguous')) },
          },
        },
      },
    },
    components: {
      schemas: {
        Health: strict({ status: { const: 'ok' } }),
        ErrorBody: strict({
          error: strict(
            {
              code: { type: 'string', enum: ['BAD_QUERY', 'UNKNOWN_TOOL', 'UNKNOWN_SERVER', 'AMBIGUOUS_TOOL', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'DB_UNAVAILABLE', 'INTERNAL'] },
              message: { type: 'string' },
              hint: nullable('string'),
              suggestions: { type: 'array', items: { type: 'string' } },
            },
            ['suggestions'],
          ),
        }),
        Ambiguous: strict({
          error: { $ref: '#/components/schemas/ErrorBody/properties/error' },
          tool: { type: 'string' },
          servers: { type: 'array', items: { type: 'string' } },
          matches: { type: 'array', items: ref('ToolMatch') },
        }),
        Finding: strict(
          {
            kind: { type: 'string' },
            severity: { type: 'string', enum: ['low', 'medium', 'high', 'critical'] },
            message: { type: 'string' },
            excerpt: { type: 'string' },
          },
          ['excerpt'],
        ),
        ToolMatch: strict(toolMatchProperties()),
        ToolsResponse: strict({
          tool: { type: 'string' },
          servers: { type: 'array', items: { type: 'string' } },
          matches: { type: 'array', items: ref('ToolMatch') },
        }),
        ServerDetail: strict({
          server: strict({
            id: { type: 'string' },
            name: { type: 'string' },
            description: nullable('string'),
            source: { type: 'string' },
            domain: nullable('string'),
            npmPackage: nullable('string'),
            remoteUrl: nullable('string'),
            repository: nullable('string'),
            version: nullable('string'),
            firstSeenAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
          }),
          lastCrawl: {
            anyOf: [
              { type: 'null' },
              strict({
                status: { type: 'string' },
                error: nullable('string'),
                startedAt: { type: 'string', format: 'date-time' },
                finishedAt: { type: 'string', format: 'date-time' },
                toolCount: { type: 'integer' },
                serverVersion: nullable('string'),
                protocolVersion: nullable('string'),
              }),
            ],
          },
          tools: {
            type: 'array',
            items: strict({ ...toolMatchProperties(), description: nullable('string'), annotations: nullable('object') }),
          },
          unclassified: { type: 'array', items: { type: 'string' } },
          policy: ref('Policy'),
        }),
        Policy: policySchemaForOpenApi(),
      },
    },
  };
}

function toolMatchProperties(): Record<string, object> {
  return {
    server: { type: 'string' },
    serverName: { type: 'string' },
    tool: { type: 'string' },
    title: nullable('string'),
    category: { enum: [...CATEGORIES, null] },
    risk: { enum: [...RISKS, null] },
    confidence: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    rationale: nullable('string'),
    tags: { type: 'array', items: { type: 'string', enum: [...TAGS] } },
    findings: { type: 'array', items: ref('Finding') },
  };
}
