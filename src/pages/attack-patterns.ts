// Documented attack patterns against agents that use MCP tools, each with a one-line definition, and
// which of a tool's tags, category, risk or findings make it relevant. Written for this site; the
// definitions follow the public write-ups (Simon Willison's "lethal trifecta", Invariant Labs' tool
// poisoning and rug pull reports, the OWASP LLM Top 10) in our own words.
import type { Category, Finding, Risk, Tag } from '../types.ts';

export interface AttackPattern {
  id: string;
  name: string;
  definition: string;
}

export const ATTACK_PATTERNS: readonly AttackPattern[] = [
  {
    id: 'lethal-trifecta',
    name: 'Lethal trifecta',
    definition:
      'An agent that can read private data, ingest untrusted content and write to a public sink can be steered by that content into leaking the data.',
  },
  {
    id: 'prompt-injection',
    name: 'Prompt injection via ingested content',
    definition: 'Text the tool returns (a web page, an issue, an email) carries instructions the model may follow as if the user had given them.',
  },
  {
    id: 'tool-poisoning',
    name: 'Tool poisoning',
    definition: "A tool's own description or schema hides instructions aimed at the model, invisible to a user who only sees the tool's name.",
  },
  {
    id: 'rug-pull',
    name: 'Rug pull',
    definition: 'A server changes a tool\'s description or behaviour after the user approved it; pin the definition and re-review on change.',
  },
  {
    id: 'exfiltration',
    name: 'Exfiltration through a public sink',
    definition: 'Data the agent has read is sent out through a tool that posts, messages, uploads or fetches a URL the attacker controls.',
  },
  {
    id: 'confused-deputy',
    name: 'Confused deputy',
    definition: "The tool acts with the user's credentials on behalf of whoever wrote the text the model is reading, not the user.",
  },
  {
    id: 'destructive-action',
    name: 'Destructive action',
    definition: 'A mistaken or induced call deletes or overwrites data that cannot be restored; require approval and keep backups.',
  },
  {
    id: 'code-execution',
    name: 'Arbitrary code execution',
    definition: 'A tool that runs commands or code turns any successful injection into control of the host or sandbox it runs in.',
  },
  {
    id: 'excessive-spend',
    name: 'Excessive spend',
    definition: 'Repeated or induced calls move money or consume paid resources; cap them with rate limits and approvals.',
  },
  {
    id: 'annotation-spoofing',
    name: 'Annotation spoofing',
    definition: 'The server declares a tool read-only or non-destructive when it is not, so clients that trust hints skip confirmation.',
  },
];

const BY_ID = new Map(ATTACK_PATTERNS.map((p) => [p.id, p]));

export interface PatternInput {
  category: Category;
  risk: Risk;
  tags: readonly Tag[];
  findings: readonly Finding[];
}

/** The patterns that apply to one tool, in the catalogue's order. */
export function attackPatternsFor(input: PatternInput): AttackPattern[] {
  const tags = new Set(input.tags);
  const ids = new Set<string>();
  if (tags.has('ingests-untrusted-content')) ids.add('prompt-injection');
  if (tags.has('reads-private-data') && tags.has('ingests-untrusted-content') && tags.has('public-sink')) ids.add('lethal-trifecta');
  if (tags.has('public-sink')) ids.add('exfiltration');
  if (tags.has('reads-private-data') || (input.category !== 'Read' && input.risk !== 'Low')) ids.add('confused-deputy');
  if (tags.has('destructive-local') || tags.has('destructive-shared') || input.category === 'Delete') ids.add('destructive-action');
  if (tags.has('executes-code')) ids.add('code-execution');
  if (tags.has('financial')) ids.add('excessive-spend');
  if (input.findings.some((f) => f.kind.startsWith('annotation'))) ids.add('annotation-spoofing');
  if (input.findings.some((f) => !f.kind.startsWith('annotation'))) ids.add('tool-poisoning');
  // Every tool can change under the user after approval; the pattern matters most where it could hurt.
  if (input.risk !== 'Low' || ids.has('tool-poisoning')) ids.add('rug-pull');
  return ATTACK_PATTERNS.filter((p) => ids.has(p.id));
}

export function attackPattern(id: string): AttackPattern | undefined {
  return BY_ID.get(id);
}
