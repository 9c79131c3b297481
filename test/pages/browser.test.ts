// The built site in headless Chromium (Debian's package): navigation, search, copy, no console
// errors, no request off 127.0.0.1, and the hostile fixture executing nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readSiteData } from '../../src/pages/read-site-data.ts';
import { serveSite } from '../../src/pages/serve-site.ts';
import type { ServerBundle } from '../../src/pages/site-data.ts';
import { writeSiteFrom } from '../../src/pages/write-site.ts';
import { classifyWithRules, rulesClassifier } from '../../classifiers/rules-classifier.ts';
import { openTestDatabase } from '../helpers/databases.ts';
import { ROOT } from '../helpers/fixture-servers.ts';
import { hostileBundle, indexServers, memoryServerCandidate, notesCandidate } from '../helpers/site-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const SITE = path.join(ROOT, 'test-output', 'site-browser');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const skip = !existsSync(CHROMIUM) && !process.env['CI'] ? `${CHROMIUM} not installed (apt-get install chromium); CI must have it` : false;

describe('site in headless Chromium', { skip }, () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let hostileTools: string[] = [];
  const offsite: string[] = [];
  const consoleMessages: string[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    const database = await openTestDatabase('pglite');
    let hostile: ServerBundle;
    try {
      await indexServers(database.db, [memoryServerCandidate(), notesCandidate()]);
      hostile = await hostileBundle();
      hostileTools = hostile.tools.map((t) => `tools/${t.serverSlug}/${t.slug}.html`);
      rmSync(SITE, { recursive: true, force: true });
      async function* bundles() {
        yield hostile;
        yield* readSiteData(database.db, { classifier: rulesClassifier.info, quickLabel: (t) => classifyWithRules(t) });
      }
      await writeSiteFrom(bundles(), { outDir: SITE });
    } finally {
      await database.dispose();
    }
    const handle = serveSite(SITE);
    server = createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' && url.origin === origin) return route.continue();
      offsite.push(route.request().url());
      return route.abort();
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(rel: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => consoleMessages.push(`${rel}: ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => pageErrors.push(`${rel}: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(`${rel}: ${d.message()}`);
      void d.dismiss();
    });
    const response = await page.goto(`${origin}/${rel}`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, rel);
    return page;
  }

  it('opens the index, searches for a tool and follows the result', async () => {
    const page = await open('index.html');
    assert.equal(await page.locator('h1').textContent(), 'MCP tool risk catalog');
    await page.getByLabel('Tool or server name').fill('delete_ent');
    const result = page.locator('#search-results a', { hasText: 'delete_entities' });
    await result.first().waitFor();
    await Promise.all([page.waitForURL('**/tools/memory/delete_entities.html'), result.first().click()]);
    assert.equal(await page.locator('h1').textContent(), 'delete_entities');
    await page.close();
  });

  it('opens a tool page, copies the policy to the clipboard, and screenshots it', async () => {
    const page = await open('tools/memory/delete_entities.html');
    const button = page.locator('button.copy[data-copy="policy-v1"]');
    assert.equal(await button.isVisible(), true, 'the script reveals copy buttons');
    await button.click();
    await page.locator('button.copy[data-copy="policy-v1"][data-copied]').waitFor();
    // Strings, not functions: this project compiles without the DOM library.
    const clipboard = String(await page.evaluate('navigator.clipboard.readText()'));
    assert.equal(clipboard, (await page.locator('#policy-v1').textContent()) ?? '');
    assert.match(clipboard, /"delete_entities"/);
    assert.equal(await page.locator('#live').textContent(), 'Copied to the clipboard');
    await page.screenshot({ path: path.join(SHOTS, 'tool-page.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, 'tool-page-phone.png') });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await page.close();
  });

  it('opens a server page and screenshots it', async () => {
    const page = await open('servers/memory.html');
    assert.equal(await page.locator('h1').textContent(), 'Knowledge Graph Memory');
    assert.equal(await page.locator('section:has(#tools) tbody tr').count(), 9);
    await page.screenshot({ path: path.join(SHOTS, 'server-page.png'), fullPage: true });
    await page.close();
  });

  it('renders every hostile description as inert text: no dialog, script, handler or request', async () => {
    assert.ok(hostileTools.length >= 30, `${hostileTools.length} hostile tools`);
    for (const rel of ['servers/hostile.html', ...hostileTools]) {
      const page = await open(rel);
      const found = (await page.evaluate(`(() => {
        const elements = [...document.querySelectorAll('*')];
        return {
          handlers: elements.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name)),
          scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'),
          embeds: document.querySelectorAll('iframe, svg, img, object, embed, form:not(.search), style, base, meta[http-equiv="refresh"]').length,
          jsLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(\\.\\.\\/|[a-z0-9_#-])/i.test(h) || /^\\s*(javascript|data):/i.test(h)),
        };
      })()`)) as { handlers: string[]; scripts: string[]; embeds: number; jsLinks: string[] };
      assert.deepEqual(found.handlers, [], rel);
      assert.deepEqual(found.scripts, [found.scripts[0]], rel);
      assert.match(found.scripts[0] ?? '', /assets\/site\.js$/);
      assert.equal(found.embeds, 0, rel);
      assert.deepEqual(found.jsLinks, [], rel);
      if (rel.endsWith('tag_smuggling.html')) {
        assert.match((await page.locator('.description').textContent()) ?? '', /\\u\{e0020\}/);
        await page.screenshot({ path: path.join(SHOTS, 'hostile-tool-page.png'), fullPage: false });
      }
      await page.close();
    }
    const hostileSearch = await open('index.html');
    await hostileSearch.getByLabel('Tool or server name').fill('script');
    await hostileSearch.locator('#search-results li').first().waitFor();
    assert.ok((await hostileSearch.locator('#search-results li').count()) >= 2);
    await hostileSearch.close();
    assert.deepEqual(dialogs, []);
  });

  it('saw no console message, page error or request leaving 127.0.0.1 on any page', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleMessages, []);
    assert.deepEqual(offsite, []);
  });
});
