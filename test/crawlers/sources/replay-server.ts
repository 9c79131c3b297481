// A real HTTP server on 127.0.0.1:0 that replays recorded responses: each test gives a handler from
// request to response and gets the log of requests (with arrival times) to assert on.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

export function fixtureJson(relative: string): unknown {
  return JSON.parse(fixtureText(relative));
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoggedRequest {
  path: string;
  url: URL;
  at: number;
}

export interface ReplayServer {
  baseUrl: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export async function startReplayServer(handler: (url: URL, request: IncomingMessage, index: number) => Reply | Promise<Reply>): Promise<ReplayServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const index = requests.length;
    requests.push({ path: url.pathname, url, at: performance.now() });
    void Promise.resolve(handler(url, req, index)).then(
      (reply) => {
        const body = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json', ...reply.headers });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Drains a source into candidates and skipped records. */
export async function drain<T extends { type: string }>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of stream) out.push(event);
  return out;
}
