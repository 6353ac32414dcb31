/* Tocsin status widget (issue 11 point 7). Embed with
 *   <script src="https://status.example.com/widget.js" async></script>
 * or /status/{slug}/widget.js; it shows the page's indicator as a link to the page, in the element
 * data-target names (a CSS selector), else in the first [data-tocsin-status] element, else right after itself.
 * data-lang="de" shows German. It reads the open api/v2/status.json (CORS) and uses no inline script or style
 * attribute, so it works under a strict Content-Security-Policy (script-src and connect-src for the page's host). */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, '');
  var lang = script.getAttribute('data-lang') === 'de' ? 'de' : 'en';
  var texts = {
    en: { none: 'All systems operational', minor: 'Minor service outage', major: 'Partial system outage',
          critical: 'Major system outage', maintenance: 'Service under maintenance', unknown: 'Status unavailable' },
    de: { none: 'Alle Systeme betriebsbereit', minor: 'Geringe Störung', major: 'Teilweiser Ausfall',
          critical: 'Schwerer Ausfall', maintenance: 'Wartung', unknown: 'Status nicht verfügbar' }
  };
  var colours = { none: '#2fb344', minor: '#f59f00', major: '#f76707', critical: '#d63939', maintenance: '#4299e1',
                  unknown: '#929dab' };
  function place() {
    var selector = script.getAttribute('data-target');
    var target = selector ? document.querySelector(selector) : document.querySelector('[data-tocsin-status]');
    if (!target) {
      target = document.createElement('span');
      script.parentNode.insertBefore(target, script.nextSibling);
    }
    return target;
  }
  function show(target, indicator, label) {
    var link = document.createElement('a');
    link.href = base;
    link.className = 'tocsin-status tocsin-status-' + indicator;
    link.setAttribute('data-indicator', indicator);
    link.rel = 'noopener';
    var dot = document.createElement('span');
    dot.className = 'tocsin-status-dot';
    dot.setAttribute('aria-hidden', 'true');
    dot.style.display = 'inline-block';
    dot.style.width = '.6em';
    dot.style.height = '.6em';
    dot.style.borderRadius = '50%';
    dot.style.marginRight = '.4em';
    dot.style.backgroundColor = colours[indicator] || colours.unknown;
    link.appendChild(dot);
    link.appendChild(document.createTextNode(label));
    target.textContent = '';
    target.appendChild(link);
  }
  var target = place();
  fetch(base + '/api/v2/status.json', { credentials: 'omit', mode: 'cors', cache: 'no-cache' })
    .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
    .then(function (d) {
      var indicator = d && d.status && d.status.indicator;
      if (indicator === 'none' && /maintenance/i.test(d.status.description || '')) { indicator = 'maintenance'; }
      if (!texts[lang][indicator]) { indicator = 'unknown'; }
      show(target, indicator, texts[lang][indicator]);
    })
    .catch(function () { show(target, 'unknown', texts[lang].unknown); });
})();
