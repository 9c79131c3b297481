// What every export takes: the key the user gave the server in their client config, and the
// whole-server policy (tool name → action, reason, limits) that build-policy.ts produced.
import type { Action, Policy, RateLimit } from '../policy-schema.ts';
import { effectiveAction } from '../policy-schema.ts';
import { compareStrings } from '../stable-json.ts';

export interface ExportInput {
  /** The server's key in the user's client config (see alias.ts); ignored by the v1 format. */
  alias: string;
  policy: Policy;
}

export interface ExportTool {
  name: string;
  action: Action;
  reason: string | undefined;
  limits: RateLimit[];
}

/** The policy's tools in a stable order, each with its effective action. */
export function exportTools(policy: Policy): ExportTool[] {
  return Object.keys(policy.tools)
    .sort(compareStrings)
    .map((name) => {
      const entry = policy.tools[name] ?? {};
      return { name, action: effectiveAction(entry), reason: entry.reason, limits: entry.limits ?? [] };
    });
}

/**
 * Characters that change how text displays without showing themselves (bidi overrides, zero-width
 * characters, BOM): written escaped, so a tool name cannot make a config read differently than it
 * parses ("Trojan Source", CVE-2021-42574).
 */
export function isInvisible(code: number): boolean {
  return (
    code === 0x061c || code === 0x00ad || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) || code === 0xfeff
  );
}

/** One line of text fit for a comment in any format: control characters (newlines too) become spaces. */
export function commentText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) out += ' ';
    else if (isInvisible(code)) out += `\\u{${code.toString(16)}}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\uFFFD';
    else out += char;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
