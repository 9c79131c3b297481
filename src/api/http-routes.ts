// The HTTP API's routes, one table: the server dispatches from it and test/api checks it against the
// OpenAPI document both ways, so neither can gain a route the other lacks.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { findTool } from '../policy/lookup-policy.ts';
import type { RecommendationRule } from '../policy/recommend-rules.ts';
import { stableJson } from '../policy/stable-json.ts';
import type { ClassifierInfo } from '../types.ts';
import { McpRiskError } from '../errors.ts';
import { getPolicy } from './get-policy.ts';
import { errorBody } from './http-error.ts';
import { openApiDocument } from './openapi.ts';
import { emptyQuerySchema, parseQuery, policyQuerySchema, toolsQuerySchema } from './query-schemas.ts';
import { serverDetail } from './server-detail.ts';
import { distinctServers, toolMatches } from './tool-matches.ts';

export interface RouteContext {
  db: Db;
  classifier: ClassifierInfo;
  rules: readonly RecommendationRule[];
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface RouteResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET';
  /** An OpenAPI path template: `{name}` matches one path segment. */
  path: string;
  handle(context: RouteContext): Promise<RouteResponse>;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Compact JSON with sorted keys: the same catalog always gives the same bytes. */
export function jsonResponse(status: number, value: unknown): RouteResponse {
  return { status, contentType: JSON_TYPE, body: stableJson(value, 0) };
}

// Built once: the document does not change while the server runs.
let openApiText: string | undefined;

export const HTTP_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/healthz',
    async handle({ db, query }) {
      parseQuery(emptyQuerySchema, query, 'GET /healthz');
      await db.execute(sql`select 1`);
      return jsonResponse(200, { status: 'ok' });
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    async handle({ query }) {
      parseQuery(emptyQuerySchema, query, 'GET /openapi.json');
      openApiText ??= stableJson(openApiDocument());
      return { status: 200, contentType: JSON_TYPE, body: openApiText };
    },
  },
  {
    method: 'GET',
    path: '/v1/tools',
    async handle({ db, classifier, query }) {
      const q = parseQuery(toolsQuerySchema, query, 'GET /v1/tools');
      const { matches } = await findTool(db, classifier, q.name, q.server);
      return jsonResponse(200, { tool: matches[0]?.tool.name ?? q.name, servers: distinctServers(matches), matches: toolMatches(matches) });
    },
  },
  {
    method: 'GET',
    path: '/v1/servers/{id}',
    async handle({ db, classifier, rules, params, query }) {
      parseQuery(emptyQuerySchema, query, 'GET /v1/servers/{id}');
      return jsonResponse(200, await serverDetail(db, classifier, params['id'] ?? '', rules));
    },
  },
  {
    method: 'GET',
    path: '/v1/policy',
    async handle({ db, classifier, rules, query }) {
      const q = parseQuery(policyQuerySchema, query, 'GET /v1/policy');
      const answer = await getPolicy(db, classifier, q, rules);
      if (answer.kind === 'ambiguous') {
        // 409 rather than 300: clients treat 3xx as redirects, and this asks the caller to decide.
        return jsonResponse(409, {
          ...errorBody(
            'AMBIGUOUS_TOOL',
            `${answer.servers.length} servers have a tool named "${answer.tool}"`,
            'name one with server=ID (or server/tool), or pass merge=1 for the most conservative policy',
          ),
          tool: answer.tool,
          servers: answer.servers,
          matches: answer.matches,
        });
      }
      return {
        status: 200,
        contentType: `${answer.mediaType}; charset=utf-8`,
        body: answer.text,
        headers: { 'content-disposition': `inline; filename="${answer.fileName}"` },
      };
    },
  },
];

export interface RouteMatch {
  route: Route | undefined;
  params: Record<string, string>;
  /** Methods the path supports, for a 405's Allow header; empty when no route has the path. */
  allowed: string[];
}

const COMPILED = HTTP_ROUTES.map((route) => ({ route, segments: route.path.split('/') }));

export function matchRoute(method: string, pathname: string): RouteMatch {
  const segments = pathname.split('/');
  const allowed: string[] = [];
  for (const { route, segments: template } of COMPILED) {
    const params = matchSegments(template, segments);
    if (params === undefined) continue;
    if (route.method === method) return { route, params, allowed: [route.method] };
    allowed.push(route.method);
  }
  return { route: undefined, params: {}, allowed };
}

function matchSegments(template: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const want = template[i] ?? '';
    const got = segments[i] ?? '';
    if (want.startsWith('{') && want.endsWith('}')) {
      if (got === '') return undefined;
      // Ids may contain "/" (registry names); clients send it as %2F within the one segment.
      params[want.slice(1, -1)] = decodeSegment(got);
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new McpRiskError('BAD_FLAG', `malformed percent-encoding in path segment "${segment}"`, { hint: 'encode the id with encodeURIComponent' });
  }
}
