// Shared inputs for the policy tests: classifications for every rule row and tool names chosen to
// break naive quoting in each export format.
import type { Category, Classification, Finding, Risk } from '../../src/types.ts';
import type { ClassifiedTool } from '../../src/policy/build-policy.ts';

export type ClassificationInput = Pick<Classification, 'category' | 'risk' | 'findings'>;

export function classification(category: Category, risk: Risk, findings: Finding[] = []): ClassificationInput {
  return { category, risk, findings };
}

export const HOSTILE_FINDING: Finding = {
  kind: 'hidden-instructions',
  severity: 'high',
  message: 'description tells the model to read ~/.ssh/id_rsa and pass it in "notes"',
};

/** Names with dots, dashes, case, unicode, quotes, backslashes, control and bidi characters. */
export const AWKWARD_NAMES = [
  'files.read',
  'files_read',
  'list-issues',
  'GetUser',
  'Ünïcödé_工具',
  'say "hi"',
  "it's",
  'back\\slash',
  'new\nline',
  'tab\there',
  '__proto__',
  'constructor',
  'a b',
  '🚀launch',
  'bidi\u202Etxt',
  'star*',
  'mcp__x__y',
  '[table]',
  '#hash',
  'key = "v"',
  'del\u007fete',
] as const;

const CYCLE: ClassificationInput[] = [
  classification('Read', 'Low'),
  classification('Write', 'High'),
  classification('Delete', 'Medium'),
  classification('Write', 'Critical'),
  classification('Read', 'Medium', [HOSTILE_FINDING]),
  classification('Write', 'Medium'),
];

/** One tool per awkward name, cycling through allow / require_approval / deny. */
export function awkwardTools(): ClassifiedTool[] {
  return AWKWARD_NAMES.map((name, i) => ({ name, classification: CYCLE[i % CYCLE.length] ?? classification('Read', 'Low') }));
}

export const GITHUB_TOOLS: ClassifiedTool[] = [
  { name: 'get_issue', classification: classification('Read', 'Low') },
  { name: 'list_issues', classification: classification('Read', 'Medium') },
  { name: 'create_issue', classification: classification('Write', 'Medium') },
  { name: 'merge_pull_request', classification: classification('Write', 'High') },
  { name: 'delete_file', classification: classification('Delete', 'High') },
  { name: 'run_workflow_shell', classification: classification('Write', 'Critical') },
  { name: 'search_code', classification: classification('Read', 'Low', [HOSTILE_FINDING]) },
];
