// The SARIF rule catalog of a scan: one rule per hostile-description finding kind and one per
// annotation problem. Each rule's help says how to fix it; the annotation rules' results carry the
// tool's own suggested annotations (render-scan-sarif.ts).
import type { ReportingDescriptor } from 'sarif';
import type { AnnotationProblemKind } from './scan-report.ts';

interface KindText {
  short: string;
  fix: string;
}

const HOSTILE_KINDS: Record<string, KindText> = {
  hidden_instruction: { short: 'The tool description gives the model instructions, or tells it to hide something from the user', fix: 'Describe what the tool does and nothing else. Remove every instruction addressed to the model (<IMPORTANT> blocks, "before using this tool…", "do not tell the user").' },
  secret_exfiltration: { short: 'The tool definition asks for secrets, private files or conversation content', fix: 'Remove any request to read or pass credentials, keys, ~/.ssh, .env files or prior messages; a parameter should ask only for the data the tool needs.' },
  shadowing: { short: 'The tool definition tries to change how other tools or servers behave', fix: 'A tool must describe itself only. Remove text about other tools, other servers, or "instead of" redirections.' },
  preference_manipulation: { short: 'The tool description pushes the model to prefer this tool', fix: 'Remove superlatives and "always use this tool" claims; let the description state what the tool does.' },
  invisible_unicode: { short: 'The tool definition contains invisible or direction-changing characters', fix: 'Remove zero-width, bidi-override and Unicode tag characters: they hide text from the user but not from the model.' },
  homoglyph: { short: 'The tool name mixes look-alike characters from other scripts', fix: 'Use plain ASCII names; a look-alike name can shadow a trusted tool.' },
  obfuscated_payload: { short: 'The tool definition hides text in an encoding (base64, escapes)', fix: 'Remove encoded payloads from descriptions and schemas; nothing legitimate needs them.' },
  markup_injection: { short: 'The tool definition carries markup or script aimed at whatever displays it', fix: 'Remove HTML, script and template syntax from names, titles and descriptions.' },
  length_padding: { short: 'The tool description is padded to push text out of view', fix: 'Keep the description short; remove filler and long runs of whitespace.' },
  unsafe_default: { short: 'A schema default value carries a shell or path injection', fix: 'Remove the default, or make it a harmless literal.' },
  caller_probe: { short: 'The tool asks for the calling model\'s identity or instructions', fix: 'Remove parameters that ask the model to describe itself, its system prompt or its user.' },
  suspicious_wording: { short: 'The tool definition reads like known hostile descriptions (a learned model, no single phrase)', fix: 'Read the words the message names: a description should state what the tool does. Remove instructions about what to tell the user, which tools to use or avoid, and what to put in other parameters.' },
  sensitive_reference: { short: 'The tool definition mentions sensitive locations or data', fix: 'Check that the mention is needed; remove references to secrets the tool has no reason to touch.' },
};

const ANNOTATION_RULES: Record<AnnotationProblemKind, { id: string; name: string; short: string; full: string; fix: string }> = {
  missing_annotations: {
    id: 'annotations/missing',
    name: 'MissingAnnotations',
    short: 'The tool does not declare the annotations clients gate on',
    full: 'Without readOnlyHint (and destructiveHint for a tool that is not read-only) clients assume the MCP spec defaults: not read-only, destructive. Claude Code refuses the tool in plan mode; Codex prompts for every call in `writes` mode.',
    fix: 'Add the suggested `annotations` object from the result message to the tool definition.',
  },
  annotation_contradiction: {
    id: 'annotations/contradiction',
    name: 'AnnotationContradiction',
    short: 'The tool\'s declared annotations contradict what its definition says it does',
    full: 'Clients auto-approve and parallelise tools that declare readOnlyHint: true. A tool that deletes, writes or executes while claiming to be read-only runs without the user being asked.',
    fix: 'Replace the tool\'s `annotations` with the suggested object from the result message (or change the tool so it matches its annotations).',
  },
};

export function hostileRuleId(kind: string): string {
  return `hostile-description/${kind}`;
}

export function annotationRuleId(kind: AnnotationProblemKind): string {
  return ANNOTATION_RULES[kind].id;
}

export function hostileRule(kind: string): ReportingDescriptor {
  const text = HOSTILE_KINDS[kind] ?? { short: `Hostile tool definition: ${kind.replace(/_/g, ' ')}`, fix: 'Rewrite the tool definition so it describes what the tool does and nothing else.' };
  return {
    id: hostileRuleId(kind),
    name: pascal(kind),
    shortDescription: { text: text.short },
    fullDescription: { text: `${text.short}. Tool names, descriptions and schemas are read by the model as instructions; text aimed at the model is a prompt injection.` },
    help: { text: text.fix, markdown: `**How to fix:** ${text.fix}` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'mcp', 'prompt-injection'] },
  };
}

export function annotationRule(kind: AnnotationProblemKind): ReportingDescriptor {
  const rule = ANNOTATION_RULES[kind];
  const example = '{"readOnlyHint":false,"destructiveHint":true,"idempotentHint":true,"openWorldHint":false}';
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: {
      text: `${rule.fix} Example: "annotations": ${example}`,
      markdown: `**How to fix:** ${rule.fix}\n\n\`\`\`json\n"annotations": ${example}\n\`\`\``,
    },
    defaultConfiguration: { level: kind === 'annotation_contradiction' ? 'error' : 'warning' },
    properties: { tags: ['mcp', 'annotations'] },
  };
}

function pascal(kind: string): string {
  return kind.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}
