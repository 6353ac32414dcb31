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
