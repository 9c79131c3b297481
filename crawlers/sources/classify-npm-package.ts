// Tells an npm package that IS an MCP server apart from the packages around servers: SDKs,
// frameworks, clients, inspectors, proxies and gateways, CLIs that manage servers, types, templates.
//
// The rule set is a sum of named signals, each with a weight and a sentence for `reasons`:
//   bin                     +2  a server is launched with `npx <pkg>`, so it needs a bin
//   no bin                  -3  a library; nothing to launch
//   server-library dep      +2  depends on @modelcontextprotocol/sdk, fastmcp, mcp-framework, …
//   no server-library dep   -1  weak: many servers bundle the SDK (e.g. @playwright/mcp)
//   server-shaped name      +2  mcp-server-x, x-mcp-server, x-mcp, @x/mcp, @modelcontextprotocol/server-x
//   "mcp-server" keyword    +1
//   server phrase           +2  the description calls it "an MCP server" / "Model Context Protocol server"
//   role word in name       -4  client, sdk, inspector, proxy, gateway, framework, types, … in the name
//   role word in description -4, or -2 when the description also says it is an MCP server (mixed)
//   meta phrase             -4  "build / test / manage / connect to … MCP servers": a tool *about* servers
//   generator name          -4  create-*, *-template, *-boilerplate, *-starter
//   nothing about MCP       -5  no MCP word in name, keywords, description, and no server library
//   is itself a library      -6  the package is one of the server libraries
// isServer when the sum reaches THRESHOLD; confidence grows with the distance from it. Deprecated
// packages keep their verdict and are flagged (deprecated: true), because a deprecated server is
// still a server, just not one worth crawling.
import type { ServerVerdict } from './discovered-candidate.ts';
import type { PackageManifest } from './npm-packument.ts';

export const THRESHOLD = 3;

/** Libraries a server is built on. A package depending on one is at least MCP-related. */
export const SERVER_LIBRARIES = [
  '@modelcontextprotocol/sdk',
  '@modelcontextprotocol/server',
  'fastmcp',
  'mcp-framework',
  'xmcp',
  'mcp-handler',
  '@vercel/mcp-adapter',
  'tmcp',
  '@hono/mcp',
  'easy-mcp',
  '@mastra/mcp',
] as const;

const ROLE_WORDS = [
  'client', 'clients', 'sdk', 'framework', 'inspector', 'proxy', 'gateway', 'types', 'typings', 'library',
  'toolkit', 'bridge', 'adapter', 'router', 'registry', 'boilerplate', 'template', 'starter', 'scaffold',
  'cli', 'testing', 'devtools', 'host', 'aggregator', 'hub', 'manager', 'installer', 'wrapper',
] as const;
/** Role words that are unsafe as substrings too (supergateway, mcpproxy, mcp-remote-client). */
const ROLE_SUBSTRINGS = ['gateway', 'proxy', 'inspector', 'client', 'sdk', 'framework'] as const;

const MCP_WORD = /\bmcp\b|model[ -]?context[ -]?protocol|modelcontextprotocol/i;
const SERVER_PHRASE = /\b(mcp|model[ -]?context[ -]?protocol(\s*\(mcp\))?)[ -]server\b(?!s)|\bserver for (the )?(mcp|model context protocol)\b/i;
const META_PHRASE =
  /\b(build|create|scaffold|generat|test|debug|develop|writ|install|manag|run|host|deploy|discover|connect|aggregat|combin|orchestrat|monitor|inspect|secur|publish|regist|proxy|proxies|proxying|bridg|expos|convert|turn|wrap)\w*\b(?:\s+[\w/-]+){0,4}?\s+(?:remote\s+|local\s+|stdio\s+)?(?:mcp|model context protocol)(?:\s*\(mcp\))?\s+(servers|clients|tools)\b/i;
const BUILD_ONE = /\b(build|create|scaffold|generate|develop|write)\w*\s+(?:(?:a|an|your|new|own|custom|simple)\s+)*(mcp|model context protocol)\s+servers?\b/i;
const GENERATOR_NAME = /(^|\/)create-|-(template|boilerplate|starter|scaffold|example|examples|demo)$/;

interface Signal {
  weight: number;
  reason: string;
}

export function classifyNpmPackage(manifest: PackageManifest): ServerVerdict {
  const signals: Signal[] = [];
  const add = (weight: number, reason: string) => signals.push({ weight, reason });
  const name = manifest.name.toLowerCase();
  const description = (manifest.description ?? '').slice(0, 1000);
  const keywords = manifest.keywords;
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
  const serverLibs = SERVER_LIBRARIES.filter((lib) => lib in deps);

  if ((SERVER_LIBRARIES as readonly string[]).includes(name)) add(-6, `is itself an MCP library (${name})`);
  if (manifest.bins.length > 0) add(2, `has a bin (${manifest.bins.slice(0, 3).join(', ')})`);
  else add(-3, 'no bin: nothing to launch with npx');
  if (serverLibs.length > 0) add(2, `depends on ${serverLibs.join(', ')}`);
  else add(-1, 'no MCP server library among its dependencies');

  if (serverShapedName(name)) add(2, `server-shaped name "${name}"`);
  if (keywords.includes('mcp-server') || keywords.includes('mcp server') || keywords.includes('mcpserver')) add(1, 'keyword "mcp-server"');
  const saysServer = SERVER_PHRASE.test(description);
  if (saysServer) add(2, 'description says it is an MCP server');

  const nameTokens = name.split(/[@/._-]+/).filter(Boolean);
  const nameRole = ROLE_WORDS.find((w) => nameTokens.includes(w)) ?? ROLE_SUBSTRINGS.find((w) => name.includes(w));
  if (nameRole !== undefined) add(-4, `"${nameRole}" in the name`);
  const descRole = ROLE_WORDS.find((w) => new RegExp(`\\b${w}\\b`, 'i').test(description) && roleAsNoun(description, w));
  if (descRole !== undefined) add(saysServer ? -2 : -4, `role word "${descRole}" in the description${saysServer ? ", which also calls it an MCP server (mixed)" : ""}`);
  const meta = META_PHRASE.exec(description) ?? BUILD_ONE.exec(description);
  if (meta) add(-4, `a tool about MCP servers ("${meta[0].slice(0, 60)}")`);
  if (GENERATOR_NAME.test(name)) add(-4, 'a generator, template or example by its name');

  const mentionsMcp = MCP_WORD.test(name.replace(/[-_/]/g, ' ')) || /mcp/.test(name) || keywords.some((k) => MCP_WORD.test(k) || k.includes('mcp')) || MCP_WORD.test(description);
  if (!mentionsMcp && serverLibs.length === 0) add(-5, 'nothing about MCP in its name, keywords, description or dependencies');

  const score = signals.reduce((sum, s) => sum + s.weight, 0);
  const isServer = score >= THRESHOLD;
  const verdict: ServerVerdict = {
    isServer,
    confidence: Math.round(Math.min(0.95, 0.5 + Math.abs(score - THRESHOLD + (isServer ? 0.5 : -0.5)) * 0.1) * 100) / 100,
    reasons: [`score ${score} (server at ≥ ${THRESHOLD})`, ...signals.map((s) => `${s.weight > 0 ? '+' : ''}${s.weight} ${s.reason}`)],
  };
  if (manifest.deprecated !== undefined) {
    verdict.deprecated = true;
    verdict.reasons.push(`deprecated: ${manifest.deprecated.slice(0, 200)}`);
  }
  return verdict;
}

function serverShapedName(name: string): boolean {
  const bare = name.replace(/^@[^/]+\//, '');
  if (/^@modelcontextprotocol\/server-/.test(name)) return true;
  if (/^mcp$/.test(bare) && name.startsWith('@')) return true;
  return /(^|[-_.])mcp[-_.]?server([-_.]|$)|(^|[-_.])server[-_.]mcp([-_.]|$)|[-_.]mcp$|^mcp[-_.]/.test(bare);
}

/**
 * "client" in "lets clients read files" is not what the package is. A role word counts when it names
 * the package: early in the description (the first 8 words), or right after MCP / "a" / "an".
 */
function roleAsNoun(description: string, word: string): boolean {
  const firstWords = description.split(/\s+/).slice(0, 8).join(' ');
  if (new RegExp(`\\b${word}\\b`, 'i').test(firstWords)) return true;
  return new RegExp(`\\b(mcp|model context protocol|an?|the)\\s+(\\w+\\s+)?${word}\\b`, 'i').test(description);
}
