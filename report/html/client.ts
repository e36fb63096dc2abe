/**
 * The page's own script (plain ES5-style JS, run in the browser after vega,
 * vega-lite and vega-embed): embed each figure's compiled Vega spec in its container,
 * and on a click on an experiment point show the params and key of the instance(s)
 * behind it, from the provenance inlined as `#report-provenance`.
 *
 * Charts are drawn one at a time, yielding to the browser between them (a chart costs
 * 0.2–0.9 s on a loaded machine, mostly fixed cost, so drawing all 16 at once kept the
 * page blank for seconds): first those in the viewport, then those within a screen of it
 * (two IntersectionObservers keep this current as the reader scrolls or follows a link,
 * e.g. from the summary), then the rest in page order, so every chart is drawn in the end.
 * Two moments, for the benchmark (`npm run bench report`), in ms since navigation start:
 *   - `window.reportFirstScreenAt`, `html[data-first-screen]`: every chart that was in the
 *     viewport when the page opened is drawn (ids in `window.reportFirstScreen`);
 *   - `window.reportRenderedAt`, `html[data-rendered]`: every chart is drawn
 *     (`window.reportRenderMs`: from the start of the embedding).
 * The views are on `window.reportViews`, in drawing order in `window.reportDrawOrder`;
 * a drawn container has `data-drawn`.
 */
export const CLIENT_SCRIPT = `
(function () {
  document.getElementById('library-versions').textContent =
    'Drawn with vega ' + vega.version + ', vega-lite ' + vegaLite.version + ', vega-embed ' + vegaEmbed.version + '.';
  var specs = JSON.parse(document.getElementById('report-specs').textContent);
  var provenance = JSON.parse(document.getElementById('report-provenance').textContent);
  function text(tag, s, cls) { var e = document.createElement(tag); e.textContent = s; if (cls) e.className = cls; return e; }
  function showInstances(ids) {
    var old = document.querySelector('.instance-card');
    if (old) old.remove();
    var card = document.createElement('div');
    card.className = 'instance-card';
    card.setAttribute('role', 'dialog');
    var close = text('button', '×');
    close.setAttribute('aria-label', 'close');
    close.onclick = function () { card.remove(); };
    card.appendChild(close);
    ids.forEach(function (id) {
      var p = provenance[id];
      card.appendChild(text('h4', id));
      if (!p) { card.appendChild(text('p', 'The engine recorded no provenance for this instance in this run.', 'muted')); return; }
      card.appendChild(text('p', 'key ' + p.key + ' · code ' + p.code + (p.made ? ' · made ' + p.made : '')));
      var table = document.createElement('table');
      table.className = 'params';
      Object.keys(p.params).forEach(function (k) {
        var tr = document.createElement('tr');
        tr.appendChild(text('td', k));
        tr.appendChild(text('td', JSON.stringify(p.params[k])));
        table.appendChild(tr);
      });
      card.appendChild(Object.keys(p.params).length ? table : text('p', 'no params read', 'muted'));
    });
    document.body.appendChild(card);
  }
  var t0 = performance.now();
  window.reportViews = {};
  window.reportDrawOrder = [];
  var containers = {};
  var order = [];
  Array.prototype.forEach.call(document.querySelectorAll('[data-figure-view]'), function (el) {
    var id = el.getAttribute('data-figure-view');
    if (specs[id]) { containers[id] = el; order.push(id); }
  });
  var visible = {}, near = {}, started = {}, drawn = 0, busy = false, observed = !order.length;
  /** The chart a link opened (\`#fig-<id>\`, from the summary or a URL): drawn first, even before the browser has scrolled to it. */
  function targeted() {
    var m = /^#fig-(.+)$/.exec(decodeURIComponent(location.hash));
    return m && specs[m[1]] ? m[1] : null;
  }
  var target = targeted();
  function onScreen(id) { return visible[id] || id === target; }
  function isDrawn(id) { return containers[id].hasAttribute('data-drawn'); }
  function draw(id) {
    var el = containers[id];
    return vegaEmbed(el, specs[id], { actions: false, renderer: 'svg', mode: 'vega' })
      .then(function (r) {
        window.reportViews[id] = r.view;
        r.view.addEventListener('click', function (event, item) {
          var instance = item && item.datum && item.datum.instance;
          if (instance) showInstances(String(instance).split(', '));
        });
      })
      .catch(function (e) {
        el.classList.add('error');
        el.textContent = 'This chart could not be drawn (' + e.message + '); its data are in data/' + id + '.json.';
        console.error('figure ' + id + ': ' + e.message);
      })
      .then(function () {
        el.setAttribute('data-drawn', 'true');
        window.reportDrawOrder.push(id);
      });
  }
  /** The next chart to draw: in the viewport, else near it, else the first in page order. */
  function next() {
    var best, rank = 3;
    order.forEach(function (id) {
      var r = onScreen(id) ? 0 : near[id] ? 1 : 2;
      if (!started[id] && r < rank) { best = id; rank = r; }
    });
    return best;
  }
  function mark(attr, at) {
    window[at] = performance.now();
    document.documentElement.setAttribute(attr, 'true');
  }
  /** The first screen is drawn once the page has loaded and every chart on screen (or linked to) is drawn. */
  function checkFirstScreen() {
    if (window.reportFirstScreenAt !== undefined || !observed || document.readyState !== 'complete') return;
    var ids = order.filter(onScreen);
    if (!ids.every(isDrawn)) return;
    window.reportFirstScreen = ids;
    mark('data-first-screen', 'reportFirstScreenAt');
  }
  function pump() {
    var id = busy || !observed ? undefined : next();
    if (id === undefined) return;
    busy = started[id] = true;
    draw(id).then(function () {
      busy = false;
      checkFirstScreen();
      if (++drawn === order.length) {
        window.reportRenderMs = performance.now() - t0;
        mark('data-rendered', 'reportRenderedAt');
      }
      setTimeout(pump, 0);
    });
  }
  function observer(seen, margin, first) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { seen[e.target.getAttribute('data-figure-view')] = e.isIntersecting; });
      if (first) observed = true;
      checkFirstScreen();
      pump();
    }, { rootMargin: margin });
    order.forEach(function (id) { io.observe(containers[id]); });
  }
  observer(visible, '0px', true);
  observer(near, '100% 0px', false);
  window.addEventListener('load', checkFirstScreen);
  window.addEventListener('hashchange', function () { target = targeted(); pump(); });
  if (!order.length) { window.reportRenderMs = 0; mark('data-rendered', 'reportRenderedAt'); }
})();
`;
