// How to launch a server, as the mcpServers entry most clients read. Given as JSON, never as a shell
// line: crawled package names and arguments must not become something a reader pastes into a shell.
import { resolveAlias } from '../policy/alias.ts';
import { stableJson } from '../policy/stable-json.ts';
import { html, visible, visibleContent, type SafeHtml } from './html.ts';
import type { SiteLaunch, SiteServer } from './site-data.ts';

export function launchConfig(serverId: string, launch: SiteLaunch): Record<string, unknown> {
  const alias = resolveAlias({ serverName: serverId, client: 'claude-code' });
  const env = Object.fromEntries(launch.envNames.map((name) => [name, `<your ${name}>`]));
  let entry: Record<string, unknown>;
  if (launch.transport !== 'stdio') {
    entry = { type: launch.transport === 'sse' ? 'sse' : 'http', url: launch.url ?? '' };
  } else if (launch.npmPackage !== undefined) {
    const spec = launch.npmVersion === undefined ? launch.npmPackage : `${launch.npmPackage}@${launch.npmVersion}`;
    const pkg = launch.bin === undefined ? [spec] : ['--package', spec, launch.bin];
    entry = { command: 'npx', args: ['-y', ...pkg, ...launch.args] };
  } else {
    entry = { command: 'node', args: [launch.entry ?? '', ...launch.args] };
  }
  if (launch.envNames.length > 0) entry['env'] = env;
  return { mcpServers: { [alias]: entry } };
}

export function launchSection(server: SiteServer): SafeHtml {
  const { launch } = server;
  const config = stableJson(launchConfig(server.id, launch));
  const transport = launch.transport === 'stdio' ? 'a local process over stdio' : `a remote ${launch.transport} endpoint`;
  return html`<p>It runs as ${transport}. Add it to your client's <code>mcpServers</code> (Claude Code: <code>.mcp.json</code>; Claude Desktop, Cursor and others read the same shape)${
    launch.envNames.length > 0 ? html`, filling in ${launch.envNames.map((n, i) => html`${i > 0 ? ', ' : ''}<code>${visible(n)}</code>`)}` : ''
  }:</p>
<div class="code-wrap"><button type="button" class="copy" data-copy="launch-config" hidden>Copy configuration</button>
<pre id="launch-config" tabindex="0" aria-label="client configuration"><code>${visibleContent(config)}</code></pre></div>
<p>Pin the version, run it without credentials it does not need, and apply the policy above at your gateway.</p>`;
}
