// Small behaviours shared by all pages: CSRF for htmx, theme switch, live updates over server-sent events.
(function () {
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  document.body.addEventListener('htmx:configRequest', function (e) {
    if (token && header) { e.detail.headers[header.content] = token.content; }
  });

  // Tocsin is an installable web app; its service worker shows pushed pages (see /sw.js).
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/sw.js').catch(function () { /* push stays off; pages work without it */ });
  }

  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var next = document.documentElement.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-bs-theme', next);
      localStorage.setItem('tocsin-theme', next);
    });
  }

  // Elements with data-live-source subscribe to an SSE stream; each message fires "live-changed" on the body,
  // and regions with hx-trigger="live-changed from:body" reload themselves.
  document.querySelectorAll('[data-live-source]').forEach(function (el) {
    var source = new EventSource(el.getAttribute('data-live-source'));
    source.addEventListener('changed', function () {
      document.body.dispatchEvent(new CustomEvent('live-changed'));
    });
    // The stream says "ready" on every connection: after a reconnect, changes may have been missed meanwhile.
    var connected = false;
    source.addEventListener('ready', function () {
      if (connected) {
        document.body.dispatchEvent(new CustomEvent('live-changed'));
      }
      connected = true;
    });
  });

  // Timeline bars carry their position as data (the CSP forbids style attributes); place them, also after swaps.
  function place(root) {
    root.querySelectorAll('[data-left][data-width]').forEach(function (el) {
      el.style.left = el.getAttribute('data-left') + '%';
      el.style.width = el.getAttribute('data-width') + '%';
    });
  }
  place(document);
  document.body.addEventListener('htmx:load', function (e) { place(e.detail.elt); });

  // Show the outcome field for experiments and the rollback field for changes.
  document.querySelectorAll('select[data-entry-kind]').forEach(function (select) {
    var form = select.closest('form');
    function sync() {
      form.querySelectorAll('[data-for-kind]').forEach(function (group) {
        group.hidden = group.getAttribute('data-for-kind') !== select.value;
      });
    }
    select.addEventListener('change', sync);
    sync();
  });
})();
