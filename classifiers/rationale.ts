// Evidence → two or three sentences a reviewer can check: what the strongest evidence says the tool
// does, how well the rest supports it, and why the risk is what it is. Deterministic: the same
// evidence always gives the same words.
import type { Category, Evidence, Risk } from './classifier.ts';
import type { CategoryDecision } from './decide-category.ts';
import type { RiskDecision } from './decide-risk.ts';
import type { EvidenceIndex } from './evidence-index.ts';

const CATEGORY_WORD: Record<Category, string> = { Read: 'a Read action', Write: 'a Write action', Delete: 'a Delete action' };
const SIGNAL_FOR: Record<Category, string> = { Read: 'read', Write: 'write', Delete: 'delete' };

export interface RationaleInput {
  ev: EvidenceIndex;
  decision: CategoryDecision;
  risk: RiskDecision;
  hasDescription: boolean;
  confidence: number;
}

export function rationale(input: RationaleInput): string {
  const { ev, decision, risk, hasDescription } = input;
  return joined(joined(first(ev, decision), support(ev, decision, hasDescription)), riskSentence(risk.risk, risk));
}

/** Two sentences with a space between, leaving out an empty one. */
function joined(a: string, b: string): string {
  return a === '' ? b : b === '' ? a : `${a} ${b}`;
}

function first(ev: EvidenceIndex, d: CategoryDecision): string {
  const cat = d.category;
  switch (d.override) {
    case 'dry-run':
      return `The tool name marks it as a preview, check or validation of a change rather than the change itself, which is ${CATEGORY_WORD.Read}.`;
    case 'multi-mode':
      return `The tool offers several modes, including ones that create, change or remove things, so it is classed as ${CATEGORY_WORD.Write} and marked ambiguous.`;
    case 'get-or-create':
      return `The tool name says it may either fetch or create something, so it is classed as ${CATEGORY_WORD.Write} and marked ambiguous.`;
    case 'exec':
      return `${cite(ev.strongest('exec', 'exec-param', 'exec-query'), 'The tool runs code or commands')}, which is ${CATEGORY_WORD.Write}.`.replace(/\., which/, ', which');
    case 'output-file':
      return `${cite(ev.strongest('local-file-write'), 'The input schema requires an output location')}, which is ${CATEGORY_WORD.Write}.`;
    default:
      break;
  }
  const lead = ev.strongest(SIGNAL_FOR[cat]);
  if (lead === undefined) {
    return `No verb in the name or description says what the tool does, so it is treated as ${CATEGORY_WORD[cat]} by default.`;
  }
  const where = lead.source === 'name' ? 'The tool name' : lead.source === 'description' ? 'The description' : lead.source === 'annotation' ? 'The declared annotations' : 'The evidence';
  let s = `${where} ${what(lead)}, which is ${CATEGORY_WORD[cat]}.`;
  if (d.override === 'navigate') s = s.slice(0, -1) + '; browser navigation is ambiguous because loading a page can trigger actions.';
  if (d.override === 'job') s = s.slice(0, -1) + '; it may also start a server-side job, so the category is ambiguous.';
  return s;
}

function what(e: Evidence): string {
  // Evidence text reads "verb 'delete' suggests a deletion (delete_file)".
  const m = /^verb '([^']+)' suggests ([^(]+)\((.*)\)$/.exec(e.text);
  if (m !== null) return `uses the verb '${m[1]}' (${m[3]}), suggesting ${m[2]?.trim()}`;
  return `shows that ${lowerFirst(e.text)}`;
}

function support(ev: EvidenceIndex, d: CategoryDecision, hasDescription: boolean): string {
  const cat = SIGNAL_FOR[d.category];
  if (!hasDescription) return 'No description is available to confirm, lowering confidence.';
  const fromName = ev.from('name', cat) > 0;
  const fromDesc = ev.from('description', cat) > 0;
  const others = (['read', 'write', 'delete'] as const).filter((c) => c !== cat && ev.weight(c) > 0);
  if (d.override === 'dry-run' || d.override === 'multi-mode' || d.override === 'get-or-create') {
    const detail = ev.strongest('multi-mode', 'dry-run-flag', 'read-only-claim');
    return detail !== undefined ? `${capitalise(detail.text)}.` : '';
  }
  if (fromName && fromDesc) return 'The description agrees with the name.';
  if (others.length > 0 && d.ambiguous) return `Other evidence points to a ${others.join(' or ')} action, so the category is ambiguous and confidence is lower.`;
  if (others.length > 0) return `Some weaker evidence suggests a ${others.join(' or ')} action, lowering confidence.`;
  if (fromName && !fromDesc) return 'The description does not state the action plainly, so the name carries the decision.';
  if (!fromName && fromDesc) return 'The name has no clear verb, so the description carries the decision.';
  return '';
}

function riskSentence(risk: Risk, d: RiskDecision): string {
  const level = risk.toLowerCase();
  let s = `Risk is ${level} because it ${d.reason}`;
  if (d.reversible === true && (risk === 'Medium' || risk === 'Low')) s += ', and the change can be undone';
  if (d.reversible === false) s += ', and the change cannot be undone';
  return `${s}.`;
}

function cite(e: Evidence | undefined, fallback: string): string {
  if (e === undefined) return fallback;
  const where = e.source === 'schema' ? 'The input schema' : e.source === 'name' ? 'The tool name' : e.source === 'server' ? 'The server' : 'The description';
  return `${where} indicates it ${lowerFirst(e.text).replace(/^the (?:input schema|description|tool name|name)(?: says it)? /, '')}`;
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]?.toLowerCase() + s.slice(1);
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]?.toUpperCase() + s.slice(1);
}
