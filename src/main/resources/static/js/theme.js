// Applies the saved light/dark theme before the page paints, to avoid a flash.
(function () {
  var theme = localStorage.getItem('tocsin-theme');
  if (!theme) {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-bs-theme', theme);
})();
