// Finds npm package names and GitHub repositories in text and links from directory pages: npm
// package links (npmjs.com/package/…), `npx` / `npm install` / `pnpm dlx` / `bunx` commands, and
// GitHub repository links. Page text is hostile: only names that pass the npm name rules come out.
import { normalizeGitHubUrl, normalizeNpmName } from './candidate-keys.ts';

const NPM_LINK = /^https?:\/\/(?:www\.)?npmjs\.(?:com|org)\/package\/((?:@[^/?#]+\/)?[^/?#]+)/i;
const COMMAND = /\b(?:npx|bunx|pnpm\s+dlx|yarn\s+dlx|npm\s+(?:install|i|exec)|pnpm\s+add|yarn\s+add)((?:\s+-{1,2}[\w-]+(?:=\S+)?)*)\s+((?:@[\w.~-]+\/)?[\w.~-]+(?:@[\w.^~*-]+)?)/gi;

/** Command words that are flags' values or not packages. */
const NOT_PACKAGES = new Set(['-y', '--yes', 'install', 'i', 'exec', 'run', 'node', 'npm', 'npx', 'mcp-remote']);

export function npmNameFromLink(href: string): string | undefined {
  const match = NPM_LINK.exec(href.trim());
  if (!match?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return normalizeNpmName(decoded);
}

/**
 * npm names run by commands in `text`. `mcp-remote` is dropped on purpose: `npx mcp-remote <url>`
 * runs a proxy to a remote server, so the server is the URL, not that package.
 */
export function npmNamesFromCommands(text: string): string[] {
  const names: string[] = [];
  for (const match of text.slice(0, 20_000).matchAll(COMMAND)) {
    const raw = match[2];
    if (raw === undefined || NOT_PACKAGES.has(raw.toLowerCase()) || raw.startsWith('-')) continue;
    const name = normalizeNpmName(raw);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Remote server URLs from `npx mcp-remote <url>` commands: the server is the URL. */
export function remoteUrlsFromCommands(text: string): string[] {
  const urls: string[] = [];
  for (const match of text.slice(0, 20_000).matchAll(/\bmcp-remote(?:@[\w.-]+)?\s+(https?:\/\/[^\s"'<>`]+)/gi)) {
    const url = match[1];
    if (url !== undefined && !urls.includes(url)) urls.push(url.slice(0, 2000));
  }
  return urls;
}

/** `https://github.com/owner/repo` for a link to a repository (or a path inside one), else undefined. */
export function githubRepoFromLink(href: string): string | undefined {
  const key = normalizeGitHubUrl(href);
  return key === undefined ? undefined : `https://${key}`;
}

/** Collapses whitespace and cuts to a length: descriptions from pages are shown in tables. */
export function cleanText(text: string, max = 500): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}
