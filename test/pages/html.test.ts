import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, hasInvisible, html, raw, visible, visibleText } from '../../src/pages/html.ts';
import { slug, rootOf } from '../../src/pages/site-paths.ts';

describe('html builder', () => {
  it('escapes every interpolation by default, inserts raw() and nested html as is', () => {
    const name = `<script>alert("x")</script>' & \``;
    const out = html`<p title="${name}">${name}${raw('<br>')}${html`<b>${'<i>'}</b>`}</p>`.value;
    assert.equal(out, '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; &#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; &#96;<br><b>&lt;i&gt;</b></p>');
  });

  it('joins arrays, drops null/undefined/false, prints numbers', () => {
    assert.equal(html`${['<a>', raw('<b>'), null, undefined, false, 3]}`.value, '&lt;a&gt;<b>3');
  });

  it('never double-escapes and replaces NUL, controls and lone surrogates with U+FFFD', () => {
    assert.equal(escapeHtml('&amp;'), '&amp;amp;');
    assert.equal(escapeHtml('a\u0000b\u0007c\ud800d\udc00e\ud83d\ude00'), 'a\ufffdb\ufffdc\ufffdd\ufffde\ud83d\ude00');
    assert.equal(escapeHtml('tab\tline\ncr\r'), 'tab\tline\ncr\r');
  });

  it('visible() shows tag characters, zero-width and bidi controls as markers, and escapes the rest', () => {
    const smuggled = `ok${String.fromCodePoint(0xe0041)}\u200b\u202e<x>`;
    const out = visible(smuggled).value;
    assert.match(out, /\\u\{e0041\}/);
    assert.match(out, /\\u\{200b\}/);
    assert.match(out, /\\u\{202e\}/);
    assert.match(out, /&lt;x&gt;$/);
    assert.doesNotMatch(out, /[\u200b\u202e]|\udb40/);
    assert.equal(visibleText('a\u2066b'), 'a\\u{2066}b');
    assert.equal(hasInvisible('plain text'), false);
    assert.equal(hasInvisible('zero\u200bwidth'), true);
    assert.equal(visible('emoji 😀 stays').value, 'emoji 😀 stays');
  });
});

describe('site paths', () => {
  it('keeps plain names, hashes anything else, and never lets a name escape its folder', () => {
    assert.equal(slug('read_file'), 'read_file');
    for (const name of ['../../../etc/passwd', 'Read_File', 'read\u200bfile', `x${'y'.repeat(1000)}`, '', '..', 'a/b', 'con-0123abcd']) {
      const s = slug(name);
      assert.match(s, /^[a-z0-9][a-z0-9_.-]*$/, name);
      assert.ok(!s.includes('..') && s.length <= 70, s);
      assert.notEqual(s, 'read_file');
    }
    assert.notEqual(slug('Read_File'), slug('read_FILE'));
    assert.equal(rootOf('tools/a/b.html'), '../../');
    assert.equal(rootOf('index.html'), '');
  });
});

describe('visibleContent', () => {
  it('escapes what element content needs, keeps quotes, and still marks invisible characters', async () => {
    const { visibleContent } = await import('../../src/pages/html.ts');
    assert.equal(visibleContent('{"a": "<b> & c"}').value, '{"a": "&lt;b&gt; &amp; c"}');
    assert.equal(visibleContent('plain "quoted" text 🙂').value, 'plain "quoted" text 🙂');
    assert.match(visibleContent('hidden\u200bhere <x>').value, /\\u\{200b\}/);
    assert.doesNotMatch(visibleContent('hidden\u200bhere <x>').value, /<x>/);
  });
});
