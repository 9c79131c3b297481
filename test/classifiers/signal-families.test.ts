import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotationSignals } from '../../classifiers/rules/annotations.ts';
import { descriptionPhrases } from '../../classifiers/rules/description-phrases.ts';
import { effectClauses } from '../../classifiers/rules/effect-clauses.ts';
import { scanWords } from '../../classifiers/text-words.ts';
import { nameVerbs } from '../../classifiers/rules/name-verbs.ts';
import { schemaSignals } from '../../classifiers/rules/schema-signals.ts';
import { serverDomain } from '../../classifiers/rules/server-domain.ts';
import { tokenizeName } from '../../classifiers/rules/tokenize-name.ts';
import type { Evidence } from '../../src/types.ts';

const signals = (ev: Evidence[]): string[] => [...new Set(ev.map((e) => e.signal))];
const strongest = (ev: Evidence[], ...cats: string[]): string | undefined => {
  let best: Evidence | undefined;
  for (const e of ev) if (cats.includes(e.signal) && (best === undefined || e.weight > best.weight)) best = e;
  return best?.signal;
};
/** The category the name's verbs vote for: 'read', 'write' or 'delete'. */
const nameCategory = (name: string): string | undefined => strongest(nameVerbs(name), 'read', 'write', 'delete');

describe('tokenizeName', () => {
  it('splits every naming convention into lowercase tokens', () => {
    assert.deepEqual(tokenizeName('github.create_issue'), ['github', 'create', 'issue']);
    assert.deepEqual(tokenizeName('getUserById'), ['get', 'user', 'by', 'id']);
    assert.deepEqual(tokenizeName('repo-delete'), ['repo', 'delete']);
    assert.deepEqual(tokenizeName('fs/readFile'), ['fs', 'read', 'file']);
    assert.deepEqual(tokenizeName('GetURLContent'), ['get', 'url', 'content']);
    assert.deepEqual(tokenizeName('list_v2_items'), ['list', 'v', '2', 'items']);
    assert.deepEqual(tokenizeName(''), []);
  });
});

describe('nameVerbs', () => {
  it('finds the verb first, last or in the middle', () => {
    assert.equal(nameCategory('delete_repository'), 'delete');
    assert.equal(nameCategory('issue_create'), 'write');
    assert.equal(nameCategory('slack.channels.list'), 'read');
    assert.equal(nameCategory('readfile'), 'read');
    // A change verb that is also a noun names what the read after it reads; a joined verb or a nounish read does not.
    assert.equal(nameCategory('deploy_get_status'), 'read');
    assert.equal(nameCategory('release-check-versions'), 'read');
    assert.equal(nameCategory('deploy_and_get_url'), 'write');
    assert.equal(nameCategory('upload_then_fetch_status'), 'write');
  });
  it('reads the object of verbs whose category depends on it', () => {
    // Assembling text to use elsewhere computes and returns it; building a project does not.
    assert.equal(nameCategory('build_search_query_string'), 'read');
    assert.equal(nameCategory('build_cron_expression'), 'read');
    assert.equal(nameCategory('build_project'), 'write');
    assert.equal(nameCategory('create_filter'), 'write');
    // Capturing a note records it; capturing a screenshot reads the screen.
    assert.equal(nameCategory('capture_journal_entry'), 'write');
    assert.equal(nameCategory('capture_screenshot'), 'read');
  });
  it('treats previews and validations of changes as reads', () => {
    assert.ok(signals(nameVerbs('delete_preview')).includes('dry-run'));
    assert.ok(signals(nameVerbs('validate_deploy')).includes('dry-run'));
    assert.ok(signals(nameVerbs('deploy_dry_run')).includes('dry-run'));
    assert.ok(!signals(nameVerbs('create_preview_deployment')).includes('dry-run'));
  });
  it('marks get-or-create and manage-style names', () => {
    assert.ok(signals(nameVerbs('get_or_create_user')).includes('get-or-create'));
    assert.ok(signals(nameVerbs('manage_worktrees')).includes('multi-mode'));
  });
  it('reads the object: money, credentials, access, messages', () => {
    assert.ok(signals(nameVerbs('create_refund')).includes('money'));
    assert.ok(!signals(nameVerbs('create_payment_link')).includes('money'));
    assert.ok(signals(nameVerbs('create_api_key')).includes('credential'));
    assert.ok(signals(nameVerbs('add_collaborator')).includes('access-grant'));
    assert.ok(signals(nameVerbs('post_message')).includes('public-sink'));
    assert.ok(signals(nameVerbs('run_command')).includes('exec'));
    assert.ok(signals(nameVerbs('drop_database')).includes('bulk'));
  });
  it('reads `list_deleted_items` as a list and `undelete` as a restore', () => {
    assert.equal(nameCategory('list_deleted_items'), 'read');
    assert.equal(nameCategory('undelete'), 'write');
  });
  it('gives nothing for a name with no verb', () => {
    assert.equal(nameCategory('acme_widget'), undefined);
  });
});

describe('descriptionPhrases', () => {
  it('uses the lead verb of the first sentence', () => {
    assert.equal(strongest(descriptionPhrases('Permanently deletes the selected records.'), 'read', 'write', 'delete'), 'delete');
    assert.equal(strongest(descriptionPhrases('This tool lets you quickly list open pull requests.'), 'read', 'write', 'delete'), 'read');
    assert.equal(strongest(descriptionPhrases('Returns a list of projects.'), 'read', 'write', 'delete'), 'read');
  });
  it('finds side effects anywhere', () => {
    assert.ok(signals(descriptionPhrases('Runs arbitrary shell commands.')).includes('exec'));
    assert.ok(signals(descriptionPhrases('Sends an email to the team.')).includes('public-sink'));
    assert.ok(signals(descriptionPhrases('This cannot be undone.')).includes('irreversible'));
    assert.ok(signals(descriptionPhrases('Read-only access to the database.')).includes('read-only-claim'));
  });
  it('ignores negated phrases', () => {
    assert.ok(!signals(descriptionPhrases('Lists files. It does not send emails or publish anything.')).includes('public-sink'));
    assert.ok(signals(descriptionPhrases('Lists files. It does not modify anything.')).includes('read-only-claim'));
  });
  it('reads a verb-shaped word inside a short verbless opening as a noun', () => {
    // "orders" and "rate" are nouns here; with a subject or an object they stay verbs.
    assert.equal(strongest(descriptionPhrases('Hyperliquid orders.'), 'read', 'write', 'delete'), undefined);
    assert.equal(strongest(descriptionPhrases('Funding rate history.\n• Default: per-exchange rate.'), 'read', 'write', 'delete'), undefined);
    assert.equal(strongest(descriptionPhrases('GitHub issue search: find issues by label.'), 'read', 'write', 'delete'), 'read');
    assert.equal(strongest(descriptionPhrases('Orders a pizza for delivery.'), 'read', 'write', 'delete'), 'write');
  });
  it('handles a missing or empty description', () => {
    assert.deepEqual(descriptionPhrases(undefined), []);
    assert.deepEqual(descriptionPhrases('   '), []);
  });
});

describe('effectClauses', () => {
  const effects = (text: string): string[] => signals(effectClauses(text.toLowerCase(), scanWords(text.toLowerCase())));
  it('reads a change verb that opens a later clause as an effect of the call', () => {
    assert.deepEqual(effects('Report a finished build in one call: creates the record, attaches the logs and closes it.'), ['write']);
    assert.deepEqual(effects('Reset the workspace, wiping every cached file.'), ['delete']);
    assert.deepEqual(effects('Generate a release plan. Saves the plan under docs/plans.'), ['write']);
    assert.deepEqual(effects('Import the feed and deletes entries older than a week.'), ['delete']);
  });
  it('gives one piece of evidence per category, however many clauses repeat it', () => {
    assert.equal(effectClauses('sync: creates a, creates b; creates c', scanWords('sync: creates a, creates b; creates c')).length, 1);
  });
  it('does not read plural nouns, list items, negations or the lead verb as effects', () => {
    assert.deepEqual(effects('Returns an order with its notes, updates, refunds and shipments.'), []);
    assert.deepEqual(effects('Show the release. Updates are published on Mondays.'), []);
    assert.deepEqual(effects('Validate the config; creates nothing and changes no file.'), []);
    assert.deepEqual(effects('Creates a folder.'), []);
    assert.deepEqual(effects('List the jobs, including those creating backups.'), []);
  });
});

describe('schemaSignals', () => {
  const schema = (properties: Record<string, unknown>): Record<string, unknown> => ({ type: 'object', properties });
  it('reads parameter names', () => {
    const s = signals(schemaSignals(schema({ command: {}, force: {}, recursive: {}, to: {}, amount: {}, body: {}, dry_run: {}, limit: {} })));
    for (const want of ['exec-param', 'overwrite', 'recursive', 'recipient', 'amount', 'payload', 'dry-run-flag', 'pagination']) assert.ok(s.includes(want), want);
  });
  it('detects multi-mode action enums', () => {
    assert.ok(signals(schemaSignals(schema({ action: { enum: ['list', 'create', 'delete'] } }))).includes('multi-mode'));
    assert.ok(!signals(schemaSignals(schema({ sort: { enum: ['asc', 'desc'] } }))).includes('multi-mode'));
  });
  it('sees numeric-only inputs as a calculation', () => {
    assert.ok(signals(schemaSignals(schema({ a: { type: 'number' }, b: { type: 'number' } }))).includes('numeric-inputs'));
  });
  it('tolerates junk schemas', () => {
    assert.deepEqual(schemaSignals(undefined), []);
    assert.deepEqual(schemaSignals({ properties: 'nope' }), []);
    assert.deepEqual(schemaSignals({ properties: [1, 2] }), []);
  });
});

describe('serverDomain', () => {
  it('names the domain from the server', () => {
    assert.ok(signals(serverDomain({ name: 'stripe-mcp', description: 'Payments' })).includes('domain:payments'));
    assert.ok(signals(serverDomain({ name: 'kubernetes' })).includes('domain:cloud'));
    assert.ok(signals(serverDomain({ name: 'desktop-commander', description: 'Terminal and file access' })).includes('domain:shell'));
    assert.ok(signals(serverDomain({ name: '@playwright/mcp' })).includes('domain:browser'));
    assert.deepEqual(serverDomain(undefined), []);
  });
  it('does not take a memory bank for a bank', () => {
    assert.ok(!signals(serverDomain({ name: '@acme/memory-bank-mcp' }, 'memory_bank_write')).includes('domain:payments'));
    assert.ok(signals(serverDomain({ name: 'bank-api-mcp' })).includes('domain:payments'));
  });
  it('falls back to the tool name with a lower weight', () => {
    const ev = serverDomain(undefined, 'slack_post_message');
    assert.equal(ev[0]?.signal, 'domain:messaging');
    assert.equal(ev[0]?.source, 'name');
  });
});

describe('annotationSignals', () => {
  it('turns declared hints into weighted evidence', () => {
    assert.deepEqual(signals(annotationSignals({ readOnlyHint: true })), ['read']);
    assert.deepEqual(signals(annotationSignals({ readOnlyHint: false, destructiveHint: true })), ['not-read', 'destructive']);
    assert.deepEqual(annotationSignals(undefined), []);
    assert.ok(annotationSignals({ readOnlyHint: true }).every((e) => e.source === 'annotation' && e.weight < 3));
  });
});
