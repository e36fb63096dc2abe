/**
 * The page's own script (plain ES5-style JS, run in the browser after vega,
 * vega-lite and vega-embed): embed every figure's compiled Vega spec in its container. The
 * views are exposed on `window.reportViews` and the render time on
 * `window.reportRenderMs` (embedding only) and `window.reportRenderedAt` (since
 * navigation start) so the browser test can count marks and time it.
 */
export const CLIENT_SCRIPT = `
(function () {
  document.getElementById('library-versions').textContent =
    'Drawn with vega ' + vega.version + ', vega-lite ' + vegaLite.version + ', vega-embed ' + vegaEmbed.version + '.';
  var specs = JSON.parse(document.getElementById('report-specs').textContent);
  var t0 = performance.now();
  window.reportViews = {};
  var jobs = Object.keys(specs).map(function (id) {
    var el = document.querySelector('[data-figure-view="' + id + '"]');
    return vegaEmbed(el, specs[id], { actions: false, renderer: 'svg', mode: 'vega' })
      .then(function (r) { window.reportViews[id] = r.view; })
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
