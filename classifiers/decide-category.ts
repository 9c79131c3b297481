// Category by weighted vote, then the labels' special cases: previews read; multi-mode tools and
// "get or create" are Write and ambiguous; browser navigation is a Read but ambiguous.
import { middleOf, type Category } from './classifier.ts';
import type { EvidenceIndex } from './evidence-index.ts';

export interface CategoryDecision {
  category: Category;
  ambiguous: boolean;
  scores: Record<Category, number>;
  /** Why a special case overrode the vote, for the rationale. */
  override?: 'dry-run' | 'multi-mode' | 'get-or-create' | 'navigate' | 'exec' | 'job' | 'restore' | 'output-file';
}

export function decideCategory(ev: EvidenceIndex): CategoryDecision {
  const read =
    ev.weight('read') + 1.5 * ev.weight('read-only-claim') + 0.5 * ev.weight('read-only-query') + 0.4 * ev.weight('pagination') + 0.3 * ev.weight('search-param') + ev.weight('numeric-inputs');
  const write =
    ev.weight('write') + 0.8 * ev.weight('not-read') + 0.3 * ev.weight('payload') + 0.5 * ev.weight('local-file-write') + 0.3 * ev.weight('destructive');
  const del = ev.weight('delete') + 0.5 * ev.weight('destructive');
  const scores: Record<Category, number> = { Read: read, Write: write, Delete: del };

  // A name that previews, validates or checks a change is a Read whatever else it mentions.
  if (ev.from('name', 'dry-run') > 0 && ev.weight('exec') < 2) return { category: 'Read', ambiguous: false, scores, override: 'dry-run' };

  // An HTTP-method enum makes a request tool multi-mode; on `get_api_list` it only filters what is listed.
  const methodFilter = ev.has('http-method') && ev.from('name', 'read') >= 3 && ev.from('name', 'multi-mode') === 0;
  const multi = methodFilter ? 0 : ev.weight('multi-mode');
  if (multi >= 2 && (del > 0 || ev.from('schema', 'multi-mode') > 0 || ev.from('name', 'multi-mode') > 0)) {
    return { category: 'Write', ambiguous: true, scores, override: 'multi-mode' };
  }
  if (ev.has('get-or-create')) return { category: 'Write', ambiguous: true, scores, override: 'get-or-create' };
  if (ev.has('multi-mode-write') && read + write > 0 && write >= read * 0.5) return { category: 'Write', ambiguous: true, scores, override: 'multi-mode' };

  const runsCode = ev.weight('exec') >= 2 || (ev.has('exec-param') && ev.weight('exec') > 0);
  if (runsCode && read <= write + ev.weight('exec')) return { category: 'Write', ambiguous: false, scores, override: 'exec' };

  let category: Category = 'Read';
  let best = read;
  if (write > best) {
    category = 'Write';
    best = write;
  }
  // Delete beats Write on a tie: a tool whose name and text both say "remove" is a removal.
  if (del > 0 && del >= best) {
    category = 'Delete';
    best = del;
  }
  // A required place to save the result: every call writes a local file, whatever verb generates the content.
  if (category === 'Read' && ev.from('schema', 'local-file-write') > 0) return { category: 'Write', ambiguous: false, scores, override: 'output-file' };
  if (best === 0) {
    // Nothing to go on: a tool with a payload or recipients writes; otherwise assume it reads.
    category = ev.hasAny('payload', 'recipient', 'amount') ? 'Write' : 'Read';
  }
  if (category === 'Delete' && ev.has('restore') && ev.weight('restore') >= del * 0.5) category = 'Write';

  const top = Math.max(read, write, del);
  const second = middleOf(read, write, del);
  let ambiguous = top > 0 && second >= top * 0.8;
  let override: CategoryDecision['override'];
  if (category === 'Read' && ev.has('navigate') && !ev.has('dry-run')) {
    ambiguous = true;
    override = 'navigate';
  }
  if (category === 'Read' && ev.has('job-trigger')) {
    ambiguous = true;
    override = 'job';
  }
  if (category === 'Delete' && ev.has('compound') && write > 0) ambiguous = true;
  const decision: CategoryDecision = { category, ambiguous, scores };
  if (override !== undefined) decision.override = override;
  return decision;
}
