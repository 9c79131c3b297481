// Serves a built site from a directory, for `mcp-risk serve` and the browser tests: GET/HEAD only,
// no directory listing, no path escaping the directory, and the same CSP as a header as in the pages.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './render-layout.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export type SiteHandler = (req: IncomingMessage, res: ServerResponse, pathname?: string) => boolean;

/**
 * A request handler for the site in `dir`. It answers and returns true when the request is for a
 * site file, and returns false (having written nothing) otherwise, so a server can mount it beside an
 * API. `pathname` overrides the request's path (after a mount prefix has been stripped).
 */
export function serveSite(dir: string): SiteHandler {
  const root = path.resolve(dir);
  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname ?? new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return false;
    }
    if (decoded.includes('\0')) return false;
    const rel = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
    const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return false;
    const type = TYPES[path.extname(file)];
    if (type === undefined) return false;
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return false;
      size = stat.size;
    } catch {
      return false;
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': size,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}
