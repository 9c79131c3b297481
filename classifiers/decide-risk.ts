// Risk as the worst normal call, by the floors in LABELS.md: each applicable rule proposes a level
// with a reason; the highest wins and its reason is cited. Tags come from the same facts.
import { riskIndex, type Category, type Risk, type Tag } from './classifier.ts';
import type { EvidenceIndex } from './evidence-index.ts';

export interface RiskDecision {
  risk: Risk;
  /** Why the winning level applies, phrased to follow "Risk is <level> because it …". */
  reason: string;
  /** Whether the change can be undone, when known, for the rationale. */
  reversible?: boolean;
  tags: Tag[];
  execution?: 'host' | 'sandbox' | 'query';
}

export function decideRisk(ev: EvidenceIndex, category: Category): RiskDecision {
  const state: Proposal = { risk: 'Low', reason: category === 'Read' ? 'only reads public or non-sensitive data' : 'makes a small, easily undone change', decided: false };

  const readOnlyQuery = ev.hasAny('read-only-query') || (ev.has('read-only-claim') && category === 'Read');
  const execWeight = ev.weight('exec') + (ev.has('exec-param') ? 1 : 0);
  let execution: RiskDecision['execution'];
  if (category !== 'Read' && (execWeight >= 2 || (ev.has('exec-param') && ev.has('domain:shell')))) {
    execution = ev.has('sandbox') || (ev.has('domain:browser') && !ev.has('domain:shell')) ? 'sandbox' : 'host';
  } else if (category !== 'Read' && !readOnlyQuery && (ev.weight('exec-query') >= 1.5 || ev.has('sql-param'))) {
    execution = 'query';
  }

  const privateData =
    ev.hasAny('data-private', 'credential-read', 'financial') ||
    ev.has('domain:messaging') || ev.has('domain:database') || ev.has('domain:filesystem') || ev.has('domain:payments') || ev.has('domain:code-host') || ev.has('domain:cloud') || ev.has('domain:documents');
  const publicData = ev.hasAny('data-public', 'compute') || ev.has('domain:public-info');
  const untrusted = ev.hasAny('data-untrusted', 'navigate') || (category === 'Read' && (ev.has('url-param') || ev.has('domain:browser')));
  const local = ev.hasAny('local-file', 'local-file-write', 'path-param') || ev.has('domain:filesystem');
  const sharedTarget = ev.hasAny('shared-resource', 'infra', 'bulk') || ev.has('domain:cloud') || ev.has('domain:database');
  const reversible = ev.has('reversible') ? true : ev.has('irreversible') ? false : undefined;

  // Page-local browser input (fill, select, hover) only counts where a browser page is involved.
  const pageLocal = ev.has('page-local') && (ev.hasAny('interact', 'navigate') || ev.has('domain:browser'));
  const ownState = ev.has('own-state') && !ev.hasAny('credential-read', 'credential', 'money', 'public-sink') && ev.weight('data-private') < 1;

  if (category === 'Read') {
    if (ev.has('credential-read')) propose(state, 'High', 'reads secrets or credentials');
    else if (ev.has('metadata-only') || ((ownState || pageLocal) && ev.weight('data-private') < 1)) {
      propose(state, 'Low', ev.has('metadata-only') ? 'only lists file names and metadata, not contents' : "only reads the tool's own session or page state");
    } else if (ev.has('dry-run-verb') && ev.weight('data-private') < 1 && !ev.hasAny('local-file', 'path-param')) {
      // Validating or previewing what the caller supplies reads nothing of the user's.
      propose(state, 'Low', 'only checks or previews what it is given');
    } else if (privateData && !(publicData && ev.weight('data-private') < 1 && !ev.has('credential-read') && (privateOnlyFromDomain(ev) || publicOutweighs(ev)))) propose(state, 'Medium', 'reads private data');
    // No sign of private data: LABELS.md counts a read Low unless it reads accounts, messages, repositories, databases, logs or personal data.
  } else if (category === 'Write') {
    if ((ev.hasAny('session', 'trivial') || ownState || pageLocal) && !ev.hasAny('public-sink', 'money', 'infra', 'overwrite', 'credential', 'access-grant') && execution === undefined) {
      propose(state, 'Low', ev.has('trivial') ? "makes a small, easily undone change to the user's own things" : "only affects the tool's own session");
    } else if (ev.has('local-file-write') && !ev.hasAny('overwrite', 'public-sink', 'money', 'infra', 'credential', 'access-grant') && execution === undefined && ev.weight('data-private') < 1) {
      propose(state, 'Low', 'saves a new local file');
    } else propose(state, 'Medium', 'makes an ordinary, reversible change to private data');
    if (ev.has('interact') && !pageLocal) propose(state, 'Medium', 'acts in a browser page and can submit forms');
    if (ev.has('job-trigger')) propose(state, 'Medium', 'triggers a job or workflow');
    if (ev.has('pipeline-trigger') && !ev.has('dry-run-verb')) propose(state, 'High', 'runs a pipeline or workflow, which can deploy');
    const sink = ev.has('public-sink') || (ev.has('recipient') && !ev.has('draft')) || ev.has('domain:social');
    if (sink && !(ev.has('draft') && !ev.from('name', 'public-sink'))) propose(state, 'High', 'writes something others see');
    if (ev.has('overwrite')) propose(state, 'High', 'can overwrite existing files or branches');
    // Any method and body to a URL the caller picks: it can post, change or delete whatever the target allows.
    if (ev.has('http-request') && ev.has('http-method')) propose(state, 'High', 'sends arbitrary HTTP requests, which can change or publish whatever the target allows');
    if (ev.has('schema-change')) propose(state, 'High', "changes a database's schema, which can drop columns and the data in them");
    if (ev.has('infra') || (ev.has('domain:cloud') && !ev.hasAny('trivial', 'session'))) propose(state, 'High', 'changes production or shared infrastructure');
    if (ev.weight('access-grant') >= 1.5) propose(state, 'Critical', 'grants access to others');
    else if (ev.has('access-grant')) propose(state, 'High', 'shares access with others');
    if (ev.has('credential')) propose(state, 'Critical', 'issues credentials');
    if (ev.weight('money') + 0.5 * ev.weight('amount') >= 1.5) propose(state, 'Critical', 'moves money');
  } else {
    // Ending the tool's own session or connection is Low whatever the server's domain; a shared thing named beside it is not.
    if (ev.has('session') && !ev.hasAny('shared-resource', 'infra', 'bulk', 'local-file', 'path-param', 'money', 'financial', 'credential', 'access-grant', 'revoke')) propose(state, 'Low', "only ends the tool's own session");
    else if (ev.has('detach-only') && !ev.hasAny('bulk', 'infra', 'access-grant', 'revoke')) propose(state, 'Low', 'only takes an item out of a list or group; the item itself stays');
    else if (ev.has('small-item') && !ev.hasAny('bulk', 'infra', 'irreversible') && !ev.has('domain:cloud') && !ev.has('domain:database')) propose(state, 'Medium', 'removes a small, low-value item');
    else if (reversible === true) propose(state, 'Medium', 'removes something that can be restored');
    else if (local && !sharedTarget) propose(state, 'High', 'irreversibly deletes local files');
    else propose(state, sharedTarget || reversible === false ? 'High' : 'Medium', sharedTarget ? 'irreversibly deletes data on a shared system' : 'deletes data');
    if (ev.has('recursive') && local) propose(state, 'High', 'can delete whole directory trees');
    if (ev.has('revoke')) propose(state, 'High', 'revokes access or credentials');
    if (ev.has('host-process')) propose(state, 'High', 'terminates a process on the host');
    if (ev.has('financial-removal')) propose(state, 'High', 'cancels a financial record such as a subscription or order');
    if (ev.has('bulk') || (ev.has('filter-param') && !ev.has('small-item'))) propose(state, 'Critical', 'can destroy data in bulk with an arbitrary filter');
  }

  if (execution === 'host') propose(state, 'Critical', 'runs arbitrary commands or code on a host');
  if (execution === 'sandbox') propose(state, 'High', 'runs code in a sandbox or web page');
  if (execution === 'query') propose(state, 'Critical', 'runs arbitrary database statements, including destructive ones');

  const tags = new Set<Tag>();
  if (category === 'Read' && (privateData || ev.has('credential-read')) && riskIndex(state.risk) >= 1) tags.add('reads-private-data');
  if (category === 'Read' && untrusted) tags.add('ingests-untrusted-content');
  if (category !== 'Read' && ev.has('navigate')) tags.add('ingests-untrusted-content');
  if (category !== 'Read' && (ev.has('public-sink') || (ev.has('recipient') && !ev.has('draft')) || ev.has('url-param') || ev.has('domain:social'))) tags.add('public-sink');
  if ((category === 'Delete' && local && !sharedTarget) || (ev.has('overwrite') && local)) tags.add('destructive-local');
  if ((category === 'Delete' && sharedTarget && !ev.has('session')) || (category === 'Delete' && ev.has('bulk')) || (ev.has('overwrite') && !local && category !== 'Read')) tags.add('destructive-shared');
  if (execution !== undefined) tags.add('executes-code');
  if ((category !== 'Read' && ev.has('money')) || ev.has('financial') || ev.has('domain:payments')) tags.add('financial');

  const decision: RiskDecision = { risk: state.risk, reason: state.reason, tags: [...tags].sort() };
  if (reversible !== undefined) decision.reversible = reversible;
  if (execution !== undefined) decision.execution = execution;
  return decision;
}

const DOCS = /\bdoc(?:s|umentation)\b/;

/** True when the public evidence (documentation, a docs server) weighs more than a weak private one ("doc" in `get_effect_doc`). */
function publicOutweighs(ev: EvidenceIndex): boolean {
  // Only documentation counts: a public-sounding noun ("forecast", "time") says little about whose data it is.
  const docs = ev.has('domain:public-info') || ev.items.some((e) => e.signal === 'data-public' && DOCS.test(e.text));
  const pub = ev.weight('data-public') + (ev.has('domain:public-info') ? 1 : 0);
  return docs && !ev.hasAny('financial') && pub >= 1.5 && pub > ev.weight('data-private');
}

/** True when the only sign of private data is the server's domain, not the tool's own words. */
function privateOnlyFromDomain(ev: EvidenceIndex): boolean {
  return !ev.hasAny('data-private', 'credential-read', 'financial');
}


interface Proposal {
  risk: Risk;
  reason: string;
  decided: boolean;
}

/** The first proposal sets the level; later ones only raise it. A plain function, not a closure per call. */
function propose(state: Proposal, level: Risk, why: string): void {
  if (!state.decided || riskIndex(level) > riskIndex(state.risk)) {
    state.decided = true;
    state.risk = level;
    state.reason = why;
  }
}
