// The site's only stylesheet and script, written as files so the CSP can forbid inline code.
// Colours meet WCAG AA contrast (4.5:1 for text) on their backgrounds; layout is one column on phones.
// The script builds results with textContent and createElement only: no innerHTML anywhere.

export const SITE_CSS = `:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--link:#0645ad;--code:#f3f3f3;
--low:#1e5e2a;--low-bg:#e3f4e6;--medium:#6b4b00;--medium-bg:#fff2cc;--high:#8a3000;--high-bg:#ffe1cc;--critical:#fff;--critical-bg:#a0001c;--none:#333;--none-bg:#e6e6e6}
*{box-sizing:border-box}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:72rem;padding:0 1rem}
a{color:var(--link)}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,pre:focus-visible,.description:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.site nav{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.75rem 0;border-bottom:1px solid var(--line)}
header.site ul,nav.tabs ul,.pager ol,.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.brand{font-weight:700;text-decoration:none;color:var(--fg)}
.crumbs{font-size:.9rem;margin:.5rem 0}.crumbs li+li::before{content:"›";margin-right:.5rem;color:var(--muted)}
main{display:block;padding-bottom:2rem}
main p,main li,main dd{overflow-wrap:anywhere}
h1{font-size:1.6rem;line-height:1.25;overflow-wrap:anywhere}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid var(--line)}h3{font-size:1.1rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
code{overflow-wrap:anywhere;word-break:break-word}
pre{background:var(--code);padding:.75rem;overflow:auto;max-height:30rem;white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line)}
.description{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--code);border:1px solid var(--line);padding:.75rem;max-height:30rem;overflow:auto}
.eyebrow,.muted,.subtitle{color:var(--muted)}
.badges{display:flex;flex-wrap:wrap;gap:.5rem}
.badge,.pill{display:inline-block;border:1px solid var(--line);border-radius:.3rem;padding:.1rem .5rem;font-weight:600;background:#fafafa}
.pill{font-size:.85rem;padding:0 .4rem}
.risk-low{color:var(--low);background:var(--low-bg)}.risk-medium{color:var(--medium);background:var(--medium-bg)}
.risk-high{color:var(--high);background:var(--high-bg)}.risk-critical{color:var(--critical);background:var(--critical-bg)}
.risk-none{color:var(--none);background:var(--none-bg)}
.sev-low{color:var(--low);background:var(--low-bg)}.sev-medium{color:var(--medium);background:var(--medium-bg)}
.sev-high{color:var(--high);background:var(--high-bg)}.sev-critical{color:var(--critical);background:var(--critical-bg)}
.status-ok{color:var(--low);background:var(--low-bg)}.status-failed{color:var(--high);background:var(--high-bg)}
.tag{display:inline-block;font-family:ui-monospace,monospace;font-size:.85rem;background:var(--code);border:1px solid var(--line);padding:0 .3rem;margin:.1rem 0}
.invisible{word-break:break-all;background:#fff2cc;color:#6b4b00;border:1px dashed #6b4b00;font-family:ui-monospace,monospace;font-size:.8em;padding:0 .15em}
.warning{border-left:4px solid var(--critical-bg);background:#fff0f0;padding:.5rem 1rem;margin:1rem 0}
.warning h4{margin:.25rem 0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
tr.contradiction{background:#fff0f0}
meter{width:100%;max-width:16rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
dl.patterns dt{font-weight:700;margin-top:.5rem}dl.patterns dd{margin-left:1rem}
details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
.code-wrap{position:relative}
button.copy{font:inherit;font-size:.9rem;padding:.25rem .75rem;border:1px solid var(--link);background:#fff;color:var(--link);border-radius:.3rem;cursor:pointer;margin:.25rem 0}
button.copy[data-copied]{background:var(--low-bg);color:var(--low);border-color:var(--low)}
.search label{display:block;font-weight:600}
.search input{font:inherit;width:100%;max-width:32rem;padding:.5rem;border:2px solid #555;border-radius:.3rem}
.results{padding-left:1.25rem}
.pager{margin:1rem 0}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;margin-top:2rem}
@media (max-width:40rem){html{font-size:15px}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.5rem}th,td{padding:.3rem}}
`;

export const SITE_JS = `// mcp-risk pages: search over search-index.json and copy buttons. Everything else works without it.
(function () {
  'use strict';
  var root = document.body.getAttribute('data-root') || '';
  var live = document.getElementById('live');
  function announce(text) { if (live) live.textContent = text; }

  function copyText(button) {
    var target = document.getElementById(button.getAttribute('data-copy') || '');
    if (!target) return;
    var text = target.textContent || '';
    var done = function () {
      button.setAttribute('data-copied', 'true');
      button.textContent = 'Copied';
      announce('Copied to the clipboard');
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { announce('Copy failed: select the text and copy it'); });
    } else {
      announce('Copy is not available: select the text and copy it');
    }
  }
  var buttons = document.querySelectorAll('button.copy[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function (event) { copyText(event.currentTarget); });
  }

  var form = document.querySelector('form.search');
  if (!form) return;
  var input = form.querySelector('input[type=search]');
  var results = document.getElementById('search-results');
  var rows = null;
  var loading = null;
  // Only our own relative page paths are followed: nothing in the index can become a javascript: or
  // off-site link.
  var SAFE_PATH = /^(?:servers|tools)\\/[A-Za-z0-9_.\\/-]+\\.html$/;
  function load() {
    if (rows) return Promise.resolve(rows);
    if (!loading) {
      loading = fetch(root + form.getAttribute('data-index'), { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (data) { rows = Array.isArray(data) ? data : []; return rows; });
    }
    return loading;
  }
  function show(query) {
    var q = query.trim().toLowerCase();
    while (results.firstChild) results.removeChild(results.firstChild);
    if (q === '') { announce(''); return; }
    load().then(function (all) {
      if (input.value.trim().toLowerCase() !== q) return;
      var exact = [], starts = [], contains = [];
      for (var i = 0; i < all.length; i++) {
        var row = all[i];
        if (!Array.isArray(row) || typeof row[1] !== 'string' || typeof row[5] !== 'string' || !SAFE_PATH.test(row[5])) continue;
        var name = row[1].toLowerCase();
        var other = String(row[2]).toLowerCase();
        if (name === q) exact.push(row);
        else if (name.indexOf(q) === 0) starts.push(row);
        else if (name.indexOf(q) >= 0 || other.indexOf(q) >= 0) contains.push(row);
        if (exact.length + starts.length >= 50) break;
      }
      var found = exact.concat(starts, contains).slice(0, 50);
      for (var j = 0; j < found.length; j++) {
        var r = found[j];
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = root + r[5];
        a.textContent = r[1];
        li.appendChild(a);
        var note = r[0] === 's' ? ' — server' + (r[3] ? ', highest risk ' + r[3] : '') : ' — on ' + r[2] + (r[3] ? ', ' + r[3] + ' risk' : '') + (r[4] ? ', ' + r[4] : '');
        li.appendChild(document.createTextNode(note));
        results.appendChild(li);
      }
      announce(found.length === 0 ? 'No match' : found.length + ' results');
    }, function () { announce('The search index could not be loaded'); });
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); show(input.value); });
  input.addEventListener('input', function () { show(input.value); });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; show(initial); }
})();
`;
