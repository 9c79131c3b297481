// Evidence from the input schema's property names and enums. Parameters say what a call can carry:
// a `command` to run, recipients to reach, an amount to move, a body to write, a `dry_run` to preview.
import type { Evidence } from '../classifier.ts';

/** Real schemas have a handful of properties; a huge one is capped rather than walked. */
const MAX_PROPERTIES = 60;

interface KeyRule {
  re: RegExp;
  signal: string;
  weight: number;
  text: string;
  /** A property the name matches but whose schema says it is something else. */
  unless?: (key: string, property: unknown) => boolean;
}

const KEY_RULES: readonly KeyRule[] = [
  { re: /^(?:dry_?run|preview|validate_?only|plan_?only|what_?if|simulate|check_?only)$/, signal: 'dry-run-flag', weight: 0.5, text: 'has a dry-run option' },
  { re: /^(?:force|overwrite|force_?push|replace_?existing|clobber)$/, signal: 'overwrite', weight: 1, text: 'can force or overwrite' },
  { re: /^(?:recursive|recurse|cascade|include_?children)$/, signal: 'recursive', weight: 0.8, text: 'can act recursively' },
  { re: /^(?:command|cmd|commands|shell_?command|script|bash|shell|code|source_?code|python_?code|js_?code|javascript|program|snippet|expression_?to_?eval)$/, signal: 'exec-param', weight: 2, text: 'takes code or a command', unless: (key, property) => key === 'code' && isIdentifierCode(property) },
  { re: /^(?:sql|sql_?query|statement|statements|raw_?sql|ddl|dml)$/, signal: 'sql-param', weight: 1.5, text: 'takes a SQL statement' },
  { re: /^(?:query|q|search|search_?query|keywords?|term|terms|filter_?text)$/, signal: 'search-param', weight: 0.6, text: 'takes a search query' },
  { re: /^(?:path|paths|file|files|file_?path|filepath|filename|file_?name|directory|dir|folder|target_?path|source_?path|destination|dest|output_?path)$/, signal: 'path-param', weight: 0.5, text: 'takes a file path' },
  { re: /^(?:url|uri|urls|href|link|endpoint|webhook|webhook_?url|callback_?url|website|page_?url|target_?url)$/, signal: 'url-param', weight: 0.5, text: 'takes a URL' },
  { re: /^(?:to|cc|bcc|recipient|recipients|to_?email|to_?address|channel|channel_?id|chat_?id|phone|phone_?number|to_?number|user_?ids?|emails|attendees|participants|room_?id|thread_?ts|conversation_?id)$/, signal: 'recipient', weight: 1.2, text: 'takes recipients' },
  { re: /^(?:amount|amount_?cents|currency|unit_?amount|quantity_?to_?pay|value_?wei|lamports|sats|price_?amount)$/, signal: 'amount', weight: 1, text: 'takes an amount of money' },
  { re: /^(?:content|contents|body|message|text_?body|html_?body|payload|data|new_?content|new_?text|patch|diff|edits|value|values|fields|properties|updates|changes|new_?name|new_?path|markdown|comment)$/, signal: 'payload', weight: 0.6, text: 'takes content to write' },
  { re: /^(?:limit|offset|page|cursor|per_?page|page_?size|page_?token|sort|sort_?by|order_?by|max_?results|top_?k|num_?results|since|until|start_?date|end_?date|fields_?to_?return)$/, signal: 'pagination', weight: 0.8, text: 'takes paging or sorting options' },
  { re: /^(?:filter|filters|where|where_?clause|selector|match|conditions?|criteria|pattern|glob)$/, signal: 'filter-param', weight: 0.6, text: 'takes a filter' },
  { re: /^(?:role|roles|permission|permissions|access_?level|scopes?)$/, signal: 'access-param', weight: 0.8, text: 'takes a role or permission' },
  // A call scoped to an account, workspace, tenant or project reads that account's records. (An API key says
  // less: public-data services take one too.)
  { re: /^(?:account_?id|customer_?id|workspace_?id|org(?:anization)?_?id|tenant_?id|team_?id|project_?id)$/, signal: 'data-private', weight: 0.6, text: 'is scoped to an account, workspace or project' },
];

/** Where the call saves its result: `output_dir`, `outDir`, `saveTo`, `destination_path` (a file is written there). */
const OUTPUT_KEY = /^(?:output_?(?:dir|directory|folder|path|file|filename|file_?path|location)|out_?(?:dir|file|path)|save_?(?:path|to|as|dir|directory|file|file_?path|location)|destination_?(?:dir|directory|folder|path|file)|download_?(?:path|dir|directory))$/;

const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const MODE_KEYS = /^(?:action|operation|op|mode|method|command|subcommand|type|verb|task)$/;
const CHANGE_MODE = /^(?:create|add|insert|update|edit|set|write|move|rename|put|patch|upsert|new)/;
const DELETE_MODE = /^(?:delete|remove|drop|destroy|purge|clear|rm|unset)/;
const READ_MODE = /^(?:get|list|read|search|find|view|show|query|describe|fetch|status|info)/;

export function schemaSignals(inputSchema: Record<string, unknown> | undefined): Evidence[] {
  const out: Evidence[] = [];
  const props = inputSchema?.['properties'];
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return out;
  const seen = new Set<string>();
  let n = 0;
  let numeric = 0;
  let total = 0;
  const record = props as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length && i < MAX_PROPERTIES; i++) {
    const raw = record[keys[i] as string];
    total++;
    const t = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['type'] : undefined;
    if (t === 'number' || t === 'integer') numeric++;
  }
  // Only numbers in, no ids: a calculation (`add(a, b)`), not a change to anything.
  if (total >= 2 && numeric === total) out.push({ signal: 'numeric-inputs', weight: 1.5, source: 'schema', text: 'the input schema takes only numbers' });
  for (const key of keys) {
    if (n++ >= MAX_PROPERTIES) break;
    const raw = record[key];
    const k = key.toLowerCase().replace(/-/g, '_');
    for (const rule of KEY_RULES) {
      if (seen.has(rule.signal) || !rule.re.test(k) || rule.unless?.(k, raw) === true) continue;
      seen.add(rule.signal);
      out.push({ signal: rule.signal, weight: rule.weight, source: 'schema', text: `the input schema ${rule.text} ('${key}')` });
    }
    // Only a required one: an optional output path ("also save to …") leaves the call a read by default.
    if (!seen.has('local-file-write') && OUTPUT_KEY.test(k) && isRequired(inputSchema, key) && namesOutput(raw)) {
      seen.add('local-file-write');
      out.push({ signal: 'local-file-write', weight: 1, source: 'schema', text: `the input schema requires an output location ('${key}'), so every call writes a file there` });
    }
    const modes = enumValues(raw);
    if (modes !== undefined && modes.every((m) => HTTP_METHODS.has(m)) && !seen.has('http-method')) {
      seen.add('http-method');
      out.push({ signal: 'http-method', weight: 0.5, source: 'schema', text: `the input schema takes an HTTP method ('${key}')` });
    }
    if (modes !== undefined && MODE_KEYS.test(k) && !seen.has('multi-mode')) {
      const changes = modes.some((m) => CHANGE_MODE.test(m));
      const deletes = modes.some((m) => DELETE_MODE.test(m));
      const reads = modes.some((m) => READ_MODE.test(m));
      if (deletes && (changes || reads)) {
        seen.add('multi-mode');
        out.push({ signal: 'multi-mode', weight: 2.5, source: 'schema', text: `the '${key}' parameter selects among modes including ${modes.filter((m) => DELETE_MODE.test(m)).join(', ')}` });
      } else if (changes && reads) {
        seen.add('multi-mode');
        out.push({ signal: 'multi-mode-write', weight: 2, source: 'schema', text: `the '${key}' parameter selects among read and write modes (${modes.slice(0, 6).join(', ')})` });
      }
    }
  }
  return out;
}

/** What a `code` that is a short identifier says of itself: a coupon, OAuth, verification, project or error code. */
const IDENTIFIER_CODE = /\b(?:coupon|discount|promo|voucher|authori[sz]ation|oauth|verification|confirmation|session|project|error|status|country|currency|language|postal|zip|iso|otp|sms|email|character|digits?|alphanumeric)\b/i;
const RUNNABLE_CODE = /\b(?:execute|executed|run|runs|eval|script|javascript|typescript|python|source code|snippet|function)\b/i;

/** A `code` parameter that names something rather than holding a program: a pattern, a short length limit, or a description saying so. */
function isIdentifierCode(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object') return false;
  const p = raw as Record<string, unknown>;
  const description = typeof p['description'] === 'string' ? p['description'] : '';
  if (RUNNABLE_CODE.test(description)) return false;
  if (typeof p['pattern'] === 'string' || Array.isArray(p['enum'])) return true;
  if (typeof p['maxLength'] === 'number' && p['maxLength'] <= 64) return true;
  return IDENTIFIER_CODE.test(description);
}

/** Its own description, when it has one in English, must say something is saved there: an `outDir` can name the package a tool reads. */
const SAVED_THERE = /\b(?:sav(?:e|ed|es|ing)|writ(?:e|es|ten|ing)|wrote|output|destination|export(?:s|ed)?|stor(?:e|ed|es|ing)|download(?:s|ed)?)\b/i;
function namesOutput(raw: unknown): boolean {
  const description = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['description'] : undefined;
  if (typeof description !== 'string' || !/[a-z]{3}/i.test(description)) return true;
  return SAVED_THERE.test(description);
}

function isRequired(inputSchema: Record<string, unknown> | undefined, key: string): boolean {
  const required = inputSchema?.['required'];
  return Array.isArray(required) && required.includes(key);
}

function enumValues(raw: unknown): string[] | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const values = (raw as Record<string, unknown>)['enum'];
  if (!Array.isArray(values)) return undefined;
  const out: string[] = [];
  for (const v of values.slice(0, 40)) if (typeof v === 'string') out.push(v.toLowerCase());
  return out.length > 0 ? out : undefined;
}
