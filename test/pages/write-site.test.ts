import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { CONTENT_SECURITY_POLICY } from '../../src/pages/render-layout.ts';
import { writeSite, type SiteBuildSummary } from '../../src/pages/write-site.ts';
import { classifyWithRules, rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { describeEachDriver, openTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { changedFiles, hashTree, indexServers, memoryServerCandidate, notesCandidate } from '../helpers/site-fixtures.ts';

const page = (dir: string, rel: string) => cheerio.load(readFileSync(path.join(dir, rel), 'utf8'));

describeEachDriver('static site from the database', (driver) => {
  let database: TestDatabase & { dispose(): Promise<void> };
  let work: string;
  const build = (outDir: string): Promise<SiteBuildSummary> =>
    writeSite(database.db, { outDir, classifier: rulesClassifier.info, quickLabel: (t) => classifyWithRules(t), baseUrl: 'https://risk.example.org/', batchSize: 1 });

  before(async () => {
    database = await openTestDatabase(driver);
    work = mkdtempSync(path.join(tmpdir(), 'mcp-risk-site-test-'));
    await indexServers(database.db, [memoryServerCandidate(), notesCandidate()]);
  });
  after(async () => {
    await database.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes tool, server and index pages with landmarks, CSP, badges, policy in every format and FAQ', async () => {
    const out = path.join(work, 'a');
    const summary = await build(out);
    assert.equal(summary.servers, 2);
    assert.equal(summary.tools, 13);

    const $ = page(out, 'tools/memory/delete_entities.html');
    assert.equal($('meta[http-equiv="Content-Security-Policy"]').attr('content'), CONTENT_SECURITY_POLICY);
    assert.equal($('html').attr('lang'), 'en');
    assert.equal($('main#main').length, 1);
    assert.equal($('header.site nav[aria-label="Site"]').length, 1);
    assert.equal($('h1').length, 1);
    assert.equal($('h1').text(), 'delete_entities');
    assert.match($('.badges').text(), /Risk: (Low|Medium|High|Critical)/);
    assert.match($('.badges').text(), /Category: Delete/);
    assert.match($('.badges').text(), /Confidence: \d+%/);
    const h2 = $('h2').map((_, el) => $(el).text()).get();
    for (const heading of ['What it does', 'Why it needs a policy', 'From its definition', 'Findings', 'Attack patterns', 'Recommended policy', 'Related tools', 'FAQ', 'Change history']) {
      assert.ok(h2.includes(heading), `missing section ${heading}`);
    }
    assert.deepEqual($('details.policy .format').map((_, el) => $(el).text()).get(), ['v1', 'claude-code', 'toolhive', 'codex', 'docker']);
    assert.equal($('button.copy').length, 5);
    assert.match($('#policy-claude-code').text(), /mcp__memory__delete_entities/);
    assert.match($('dl.patterns').text(), /Destructive action/);
    assert.ok($('table caption').text().includes('Parameters from the input schema'));
    assert.ok($('table caption').text().includes('Declared annotations vs inferred'));
    assert.equal($('script:not([src])').length, 0, 'no inline script');
    assert.equal($('style').length + $('[style]').length, 0, 'no inline style');
    assert.equal($('.related a').length, 8);

    const s = page(out, 'servers/memory.html');
    assert.equal(s('h1').text(), 'Knowledge Graph Memory');
    assert.equal(s('#tools').parent().find('tbody tr').length, 9);
    assert.equal(s('table.distribution tbody tr').length, 4);
    assert.equal(s('ul.legs li').length, 3);
    assert.match(s('#launch-config').text(), /"mcpServers"/);
    assert.match(s('#crawl').parent().text(), /ok/);
    assert.ok(s('#server-policy-v1').text().includes('"default": "deny"'));

    const home = page(out, 'index.html');
    assert.equal(home('form[role="search"] label[for="q"]').length, 1);
    assert.match(home('.lead').text(), /13 tools on 2 MCP servers/);
    const list = page(out, 'category/delete.html');
    assert.ok(list('tbody tr').length >= 4);
    const search = JSON.parse(readFileSync(path.join(out, 'search-index.json'), 'utf8')) as unknown[][];
    assert.equal(search.filter((r) => r[0] === 't').length, 13);
    assert.equal(search.filter((r) => r[0] === 's').length, 2);
    const sitemap = readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    assert.match(sitemap, /<loc>https:\/\/risk\.example\.org\/tools\/notes\/create_note\.html<\/loc>/);
    const api = JSON.parse(readFileSync(path.join(out, 'api/tools/notes/delete_note.json'), 'utf8')) as { label: { category: string }; policy: unknown };
    assert.equal(api.label.category, 'Delete');
    assert.ok(api.policy);
    assert.ok(JSON.parse(readFileSync(path.join(out, 'api/servers/notes.json'), 'utf8')));
  });

  it('is deterministic: two builds into different directories are byte-identical; a rerun writes nothing', async () => {
    const a = path.join(work, 'det-a');
    const b = path.join(work, 'det-b');
    await build(a);
    await build(b);
    assert.deepEqual([...hashTree(a)], [...hashTree(b)]);
    const again = await build(a);
    assert.equal(again.written, 0);
    assert.equal(again.deleted, 0);
    assert.ok(again.unchanged > 0);
  });

  it('a changed description rewrites only that tool, its server and the history, and prunes stale files', async () => {
    const out = path.join(work, 'inc');
    await build(out);
    writeFileSync(path.join(out, 'tools', 'notes', 'gone_tool.html'), 'stale');
    const before = hashTree(out);
    await indexServers(database.db, [notesCandidate(' It also notifies every collaborator by email.')]);
    const summary = await build(out);
    const changed = changedFiles(before, hashTree(out));
    assert.ok(changed.includes('tools/notes/create_note.html'), changed.join(', '));
    assert.ok(changed.includes('api/tools/notes/create_note.json'));
    assert.ok(changed.includes('tools/notes/gone_tool.html'), 'stale page removed');
    const allowed = /^(tools\/notes\/create_note\.html|api\/tools\/notes\/create_note\.json|servers\/notes\.html|api\/servers\/notes\.json|tools\/notes\/gone_tool\.html|index\.html|servers\.html|search-index\.json|risk\/.*|category\/.*|tools\/notes\/[a-z_]+\.html|api\/tools\/notes\/[a-z_]+\.json)$/;
    for (const file of changed) assert.match(file, allowed);
    assert.ok(!changed.some((f) => f.includes('memory')), `memory pages untouched: ${changed.join(', ')}`);
    assert.equal(summary.deleted, 1);
    const $ = page(out, 'tools/notes/create_note.html');
    assert.match($('#history').parent().text(), /description/);
    assert.match($('.description').text(), /notifies every collaborator/);
  });

  it('refuses to write into a non-empty directory it did not make', async () => {
    const foreign = path.join(work, 'foreign');
    rmSync(foreign, { recursive: true, force: true });
    await build(path.join(foreign, 'sub'));
    writeFileSync(path.join(foreign, 'keep.txt'), 'mine');
    await assert.rejects(build(foreign), /not made by mcp-risk pages|refusing/);
    assert.equal(readFileSync(path.join(foreign, 'keep.txt'), 'utf8'), 'mine');
  });
});
