// The rules classifier: gathers evidence from every signal family, decides category and risk by
// the labels' rules, and explains itself. Pure, synchronous and deterministic.
import { clamp01, middleOf, type Classification, type Classifier, type ClassifyOptions, type Evidence, type Finding, type ServerContext, type ToolDefinition } from './classifier.ts';
import { decideCategory, type CategoryDecision } from './decide-category.ts';
import { decideRisk, type RiskDecision } from './decide-risk.ts';
import { EvidenceIndex } from './evidence-index.ts';
import { hostileDescription } from './hostile/hostile-description.ts';
import { rationale } from './rationale.ts';
import { annotationSignals } from './rules/annotations.ts';
import { descriptionPhrases } from './rules/description-phrases.ts';
import { effectClauses } from './rules/effect-clauses.ts';
import { nameVerbs } from './rules/name-verbs.ts';
import { riskContext } from './rules/risk-context.ts';
import { schemaSignals } from './rules/schema-signals.ts';
import { serverDomain } from './rules/server-domain.ts';
import { tokenizeName } from './rules/tokenize-name.ts';
import { scanWords } from './text-words.ts';

/** The risk-context rules read the description's opening; the rest is detail. */
const RISK_CONTEXT_SCAN = 3000;

export interface RulesOptions extends ClassifyOptions {
  /** Skip the hostile-description checks (for benchmarks that isolate the labelling cost). */
  skipFindings?: boolean;
}

const IDEMPOTENT_VERBS: ReadonlySet<string> = new Set([
  'set', 'update', 'put', 'upsert', 'replace', 'overwrite', 'rename', 'enable', 'disable', 'mark', 'assign', 'lock',
  'unlock', 'archive', 'unarchive', 'close', 'reopen', 'pin', 'unpin', 'star', 'unstar', 'mute', 'unmute', 'configure',
  'apply', 'sync', 'resolve', 'approve', 'restore', 'stop', 'pause', 'resume', 'move',
]);

export function classifyWithRules(tool: ToolDefinition, server?: ServerContext, options: RulesOptions = {}): Classification {
  // One analysis of the tool shared by every signal module: tokens, lowercased text and its words.
  const tokens = tokenizeName(tool.name);
  const description = typeof tool.description === 'string' ? tool.description : undefined;
  const lower = description === undefined ? '' : description.slice(0, RISK_CONTEXT_SCAN).toLowerCase();
  const words = scanWords(lower);
  const evidence: Evidence[] = nameVerbs(tool.name, tokens);
  if (typeof tool.title === 'string' && tool.title.length > 0 && !evidence.some((e) => e.signal === 'read' || e.signal === 'write' || e.signal === 'delete')) {
    // A name without a verb ("weather") may have a title with one ("Get weather").
    for (const e of nameVerbs(tool.title)) evidence.push({ ...e, weight: e.weight * 0.8 });
  }
  evidence.push(...descriptionPhrases(description, words));
  evidence.push(...effectClauses(lower, words));
  evidence.push(...schemaSignals(tool.inputSchema));
  evidence.push(...serverDomain(server, tool.name));
  evidence.push(...riskContext({ tokens, words }));
  const useAnnotations = options.ignoreAnnotations !== true;
  if (useAnnotations) evidence.push(...annotationSignals(tool.annotations));

  const ev = new EvidenceIndex(evidence);
  const decision = decideCategory(ev);
  const risk = decideRisk(ev, decision.category);
  const hasDescription = description !== undefined && description.trim().length >= 8;

  const findings: Finding[] = options.skipFindings === true ? [] : hostileDescription(tool, words);
  const contradictions = useAnnotations ? annotationFindings(tool, decision, risk) : [];
  findings.push(...contradictions);

  const confidence = confidenceOf(ev, decision, hasDescription, contradictions.length > 0);
  const result: Classification = {
    category: decision.category,
    risk: risk.risk,
    confidence,
    rationale: rationale({ ev, decision, risk, hasDescription, confidence }),
    tags: risk.tags,
    findings,
    suggestedAnnotations: suggestAnnotations(tokens, ev, decision, risk),
    evidence,
    ambiguous: decision.ambiguous,
  };
  return result;
}

export const rulesClassifier: Classifier = {
  info: { name: 'rules', version: '1.12.0' },
  classify: (tool, server, options) => classifyWithRules(tool, server, options),
};

function confidenceOf(ev: EvidenceIndex, d: CategoryDecision, hasDescription: boolean, contradicted: boolean): number {
  const top = Math.max(d.scores.Read, d.scores.Write, d.scores.Delete);
  const second = middleOf(d.scores.Read, d.scores.Write, d.scores.Delete);
  let c = top === 0 ? 0.3 : 0.4 + 0.45 * Math.min(1, top / 5) * (1 - 0.7 * (second / top));
  if (d.override === 'dry-run' || d.override === 'exec' || d.override === 'multi-mode') c = Math.max(c, 0.7);
  if (!hasDescription) c -= 0.15;
  const cat = d.category === 'Read' ? 'read' : d.category === 'Write' ? 'write' : 'delete';
  if (ev.from('name', cat) > 0 && ev.from('description', cat) > 0) c += 0.1;
  if (d.ambiguous) c -= 0.1;
  if (contradicted) c -= 0.05;
  return Math.round(clamp01(Math.max(0.05, Math.min(0.98, c))) * 100) / 100;
}

function suggestAnnotations(tokens: readonly string[], ev: EvidenceIndex, d: CategoryDecision, r: RiskDecision): Classification['suggestedAnnotations'] {
  const read = d.category === 'Read';
  const destructive = !read && (d.category === 'Delete' || ev.has('overwrite') || r.execution !== undefined || (d.override === 'multi-mode' && ev.weight('delete') > 0));
  const idempotent = read || d.category === 'Delete' || (r.execution === undefined && tokens.some((t) => IDEMPOTENT_VERBS.has(t)) && !tokens.includes('create') && !tokens.includes('add'));
  const local = ev.hasAny('local-file', 'local-file-write', 'compute', 'session') || ev.has('domain:filesystem') || ev.has('closed-world');
  const open = ev.hasAny('url-param', 'data-public', 'data-untrusted', 'public-sink', 'navigate', 'open-world') || !local;
  return { readOnlyHint: read, destructiveHint: destructive, idempotentHint: idempotent, openWorldHint: open };
}

function annotationFindings(tool: ToolDefinition, d: CategoryDecision, r: RiskDecision): Finding[] {
  const a = tool.annotations;
  const out: Finding[] = [];
  if (a === undefined) return out;
  if (a.readOnlyHint === true && d.category !== 'Read' && !d.ambiguous) {
    const severe = d.category === 'Delete' || r.execution !== undefined || r.risk === 'Critical';
    out.push({
      kind: 'annotation_contradiction',
      severity: severe ? 'high' : 'medium',
      message: `Declares readOnlyHint: true, but the definition describes a ${d.category} action`,
      excerpt: `readOnlyHint: true on ${tool.name}`,
    });
  }
  if (a.destructiveHint === false && a.readOnlyHint !== true && d.category === 'Delete' && !d.ambiguous) {
    out.push({
      kind: 'annotation_contradiction',
      severity: 'medium',
      message: 'Declares destructiveHint: false, but the definition describes a deletion',
      excerpt: `destructiveHint: false on ${tool.name}`,
    });
  }
  return out;
}
