// Public status page: the hover title of each uptime bar (its date and uptime). The page carries the bars in a
// compact form (a class per day, data-p only below 100 %) to stay small; the same facts are in text for screen
// readers beside each component, so without this script only the titles are missing.
(function () {
  var lang = document.documentElement.lang || 'en';
  var dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  var percent = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var section = document.getElementById('components');
  var noData = section && section.getAttribute('data-no-data') || 'no data';
  document.querySelectorAll('ol.uptime-bars[data-start]').forEach(function (bars) {
    var ymd = bars.getAttribute('data-start').split('-');
    var first = Date.UTC(+ymd[0], +ymd[1] - 1, +ymd[2]);
    Array.prototype.forEach.call(bars.children, function (day, i) {
      var p = day.hasAttribute('data-p') ? Number(day.getAttribute('data-p')) : 100;
      day.title = dates.format(new Date(first + i * 86400000)) + ': '
        + (day.className === 'n' ? noData : percent.format(p) + ' %');
    });
  });
})();

// Public status page: registering a webhook subscriber (issue 11 point 6) without leaving the page. Posts JSON to
// the page's webhook endpoint, then shows the signing secret once; a 422 names the fields, a 429 asks to wait.
// The texts come from data attributes in the page's language (no inline script, CSP).
(function () {
  var form = document.getElementById('webhook-form');
  if (!form) {
    return;
  }
  var error = document.getElementById('webhook-error');
  var done = document.getElementById('webhook-done');
  var labels = { url: form.dataset.labelUrl, email: form.dataset.labelEmail, components: form.dataset.labelComponents };
  function fail(text) {
    error.textContent = text;
    error.classList.remove('d-none');
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.classList.add('d-none');
    var components = Array.prototype.map.call(form.querySelectorAll('input[name=component]:checked'),
      function (box) { return box.value; });
    var button = document.getElementById('webhook-button');
    button.disabled = true;
    fetch(form.dataset.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ url: form.elements.url.value, email: form.elements.email.value,
        language: form.dataset.lang, components: components })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 201) {
          document.getElementById('webhook-secret').value = body.secret;
          done.classList.remove('d-none');
          Array.prototype.forEach.call(form.querySelectorAll('input:not([readonly])'), function (input) {
            input.disabled = true;
          });
          return;
        }
        button.disabled = false;
        if (response.status === 429) {
          fail(form.dataset.msgThrottled);
        } else if (response.status === 422 && Array.isArray(body.errors)) {
          fail(body.errors.map(function (e) { return (labels[e.field] || e.field) + ': ' + e.message; }).join(' · '));
        } else {
          fail(form.dataset.msgFailed);
        }
      });
    }).catch(function () {
      button.disabled = false;
      fail(form.dataset.msgFailed);
    });
  });
})();
