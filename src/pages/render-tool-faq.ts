// The tool page's FAQ: how to rate-limit, block (with a reason) or require approval for this very
// tool, as v1 policy snippets and the matching Claude Code rule, so the answer can be pasted.
import { resolveAlias, sanitizeName } from '../policy/alias.ts';
import type { Risk } from '../types.ts';
import { html, visibleContent, type SafeHtml } from './html.ts';

// Keys are written in sorted order, so plain JSON.stringify gives the same text stableJson would
// (the FAQ is rendered for every tool; the sort is measurable). A computed "__proto__" key is an
// own property, not the prototype.
function snippet(toolName: string, entry: Record<string, unknown>): string {
  return JSON.stringify({ default: 'deny', tools: { [toolName]: entry }, version: '1' }, null, 2);
}

export function toolFaq(serverId: string, toolName: string, risk: Risk | null): SafeHtml {
  const alias = resolveAlias({ serverName: serverId, client: 'claude-code' });
  const rule = `mcp__${alias}__${sanitizeName(toolName, 'claude-code')}`;
  const limit = snippet(toolName, {
    action: 'allow',
    limits: [{ counter: `${toolName}_rate`, max: risk === 'Low' ? 60 : 10, scope: 'grant', window: 'minute' }],
  });
  const block = snippet(toolName, { action: 'deny', reason: 'Blocked by our gateway policy: ask the platform team for access.' });
  const approve = snippet(toolName, { action: 'require_approval', reason: 'A person confirms each call.' });
  return html`<div class="faq">
<details><summary>How do I rate-limit this tool?</summary>
<p>Give it a <code>limits</code> entry in the v1 policy; calls beyond <code>max</code> in a window are refused by the gateway. Limits sharing a counter share a budget.</p>
<pre tabindex="0"><code>${visibleContent(limit)}</code></pre></details>
<details><summary>How do I block it, with a reason the agent sees?</summary>
<p>Set <code>action</code> to <code>deny</code> and say why in <code>reason</code>; gateways that support reasons return it to the agent, so it stops retrying. In Claude Code, add the rule to <code>permissions.deny</code>:</p>
<pre tabindex="0"><code>${visibleContent(block)}</code></pre>
<pre tabindex="0"><code>${visibleContent(JSON.stringify({ permissions: { deny: [rule] } }, null, 2))}</code></pre></details>
<details><summary>How do I require approval for each call?</summary>
<p>Set <code>action</code> to <code>require_approval</code>; in Claude Code, list the rule under <code>permissions.ask</code>.</p>
<pre tabindex="0"><code>${visibleContent(approve)}</code></pre>
<pre tabindex="0"><code>${visibleContent(JSON.stringify({ permissions: { ask: [rule] } }, null, 2))}</code></pre></details>
<details><summary>Can I trust the server's annotations instead?</summary>
<p>No: annotations are the server author's claim. This page compares them with what the definition says; where they disagree, the policy follows the definition.</p></details>
</div>`;
}
