/**
 * The page's own script (plain ES5-style JS, run in the browser after vega,
 * vega-lite and vega-embed): embed every figure's compiled Vega spec in its container,
 * and on a click on an experiment point show the params and key of the instance(s)
 * behind it, from the provenance inlined as `#report-provenance`. The views are exposed
 * on `window.reportViews` and the render time on `window.reportRenderMs` (embedding
 * only) and `window.reportRenderedAt` (since navigation start) for the benchmark.
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
  var jobs = Object.keys(specs).map(function (id) {
    var el = document.querySelector('[data-figure-view="' + id + '"]');
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
      });
  });
  Promise.all(jobs).then(function () {
    window.reportRenderMs = performance.now() - t0;
    window.reportRenderedAt = performance.now();
    document.documentElement.setAttribute('data-rendered', 'true');
  });
})();
`;
