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
  // Forms that change people through the API (data-api-url, data-api-method; issue 15 point 2). A change that
  // would leave a service's escalation policy reaching nobody answers 409 reaches-nobody: show the page's
  // confirmation (#reach-prompt) naming the services and policies, and on "Change anyway" send it again with
  // confirm=true, which the server makes and audits. Any other refusal shows its detail in #api-error.
  var prompt = document.getElementById('reach-prompt');
  var apiError = document.getElementById('api-error');
  function sendApiForm(form, confirmed) {
    var method = form.getAttribute('data-api-method') || 'POST';
    var url = form.getAttribute('data-api-url');
    if (confirmed) { url += (url.indexOf('?') < 0 ? '?' : '&') + 'confirm=true'; }
    var headers = { 'Accept': 'application/json, application/problem+json' };
    if (token && header) { headers[header.content] = token.content; }
    var options = { method: method, headers: headers, credentials: 'same-origin' };
    if (method !== 'DELETE') {
      var body = {};
      if (form.hasAttribute('data-api-user-id')) { body.userId = form.getAttribute('data-api-user-id'); }
      form.querySelectorAll('select[name], input[name]').forEach(function (field) { body[field.name] = field.value; });
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      if (response.ok) { window.location.reload(); return; }
      return response.json().catch(function () { return {}; }).then(function (problem) {
        if (response.status === 409 && /reaches-nobody$/.test(problem.type || '') && prompt && !confirmed) {
          askToConfirm(form, problem);
        } else if (apiError) {
          apiError.querySelector('.api-error-detail').textContent = problem.detail || problem.title
            || String(response.status);
          apiError.hidden = false;
        }
      });
    });
  }
  function askToConfirm(form, problem) {
    var usedBy = problem.usedBy || {};
    prompt.querySelector('.reach-services').textContent = (usedBy.services || []).join(', ');
    prompt.querySelector('.reach-policies').textContent = (usedBy['escalation policies'] || []).join(', ');
    prompt.hidden = false;
    prompt.querySelector('.reach-confirm').onclick = function () {
      prompt.hidden = true;
      sendApiForm(form, true);
    };
    prompt.querySelector('.reach-cancel').onclick = function () { prompt.hidden = true; form.reset(); };
    prompt.scrollIntoView({ block: 'center' });
    prompt.querySelector('.reach-confirm').focus();
  }
  document.querySelectorAll('form[data-api-url]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (apiError) { apiError.hidden = true; }
      sendApiForm(form, false);
    });
  });
})();
