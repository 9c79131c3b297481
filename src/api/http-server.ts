// `mcp-risk serve`: the catalog and its policies over HTTP (node:http, no framework: five GET routes
// do not need one). JSON answers, errors as {error:{code,message,hint}}, loopback unless told otherwise.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/connect.ts';
import { McpRiskError, errorMessage } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import type { RecommendationRule } from '../policy/recommend-rules.ts';
import { DEFAULT_RULES } from '../policy/recommend-rules.ts';
import type { ClassifierInfo } from '../types.ts';
import { errorBody, httpFailure } from './http-error.ts';
import { HTTP_ROUTES, jsonResponse, matchRoute, type RouteResponse } from './http-routes.ts';
import type { SiteHandler } from '../pages/serve-site.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;

export interface HttpServerOptions {
  db: Db;
  /** Whose labels to serve: catalog queries join on this classifier name and version. */
  classifier: ClassifierInfo;
  rules?: readonly RecommendationRule[];
  logger?: Logger;
  /** Serves the static site (src/pages/serve-site.ts) for paths that are not API routes. */
  site?: SiteHandler | undefined;
}

export interface HttpApi {
  server: Server;
  /** Start listening; resolves with the base URL (http://127.0.0.1:8787). Port 0 picks a free port. */
  listen(options?: { host?: string | undefined; port?: number | undefined }): Promise<string>;
  /** Stop accepting, drop idle keep-alive connections, and wait for in-flight requests. */
  close(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpApi {
  const rules = options.rules ?? DEFAULT_RULES;
  const logger = options.logger ?? createLogger({ quiet: true });
  const server = createServer((req, res) => {
    if (options.site && !isApiPath(req.url) && options.site(req, res)) return;
    handle(req).then(
      (response) => send(res, response),
      (error: unknown) => {
        logger.warn(`internal error answering ${req.method ?? '?'} ${req.url ?? '?'}: ${errorMessage(error)}`);
        if (!res.headersSent) send(res, jsonResponse(500, errorBody('INTERNAL', 'internal error', null)));
        else res.destroy();
      },
    );
  });
  // Sequential clients (gateways asking before each call) reuse one connection; keep it a while.
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage): Promise<RouteResponse> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const { route, params, allowed } = matchRoute(req.method ?? 'GET', url.pathname);
      if (!route) {
        if (allowed.length > 0) {
          return { ...jsonResponse(405, errorBody('METHOD_NOT_ALLOWED', `${req.method ?? '?'} is not allowed on ${url.pathname}`, `use ${allowed.join(', ')}`)), headers: { allow: allowed.join(', ') } };
        }
        const paths = HTTP_ROUTES.map((r) => r.path).join(', ');
        return jsonResponse(404, errorBody('NOT_FOUND', `no route ${url.pathname}`, `routes: ${paths}`));
      }
      return await route.handle({ db: options.db, classifier: options.classifier, rules, params, query: url.searchParams });
    } catch (error) {
      const failure = httpFailure(error);
      if (failure.internal) {
        const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
        logger.warn(`${req.method ?? '?'} ${url.pathname}: ${errorMessage(error)}${stack}`);
      }
      return jsonResponse(failure.status, failure.body);
    }
  }

  return {
    server,
    listen({ host = DEFAULT_HOST, port = DEFAULT_PORT } = {}) {
      return new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          reject(listenError(error, host, port));
        };
        const onListening = () => {
          server.off('error', onError);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
    },
  };
}

/** The API's own paths never fall through to the site, so a page can never shadow a route. */
function isApiPath(url: string | undefined): boolean {
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  return pathname.startsWith('/v1/') || pathname === '/openapi.json' || pathname === '/healthz';
}

function send(res: ServerResponse, response: RouteResponse): void {
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': Buffer.byteLength(response.body),
    // Bodies quote crawled text; never let a browser sniff them into HTML.
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...response.headers,
  });
  res.end(response.body);
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new McpRiskError('BAD_FLAG', `port ${port} on ${host} is already in use`, { hint: 'pass --port with another port, or --port 0 for any free one' });
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EACCES') {
    return new McpRiskError('BAD_FLAG', `cannot listen on ${host}:${port}: ${error.code}`, { hint: 'pass --host with an address of this machine, e.g. 127.0.0.1' });
  }
  return error;
}
