/*
 * The full-window page (index.html): one instance on the page's canvas, configured from the
 * URL (?store=, ?demo=, ?as=, ?dark=1, and the hash as the start route), published as
 * window.Subspace.
 */
(function () {
  'use strict';
  const status = document.getElementById('status');
  const canvas = document.getElementById('canvas');
  const show = (message) => {
    status.textContent = message;
    status.classList.add('error');
    status.hidden = false;
  };

  if (!window.SubspaceWeb) {
    show('Subspace could not start: subspace-storage.js or subspace-web.js did not load.');
    return;
  }
  const config = window.SubspaceWeb.configFromUrl(location.href);
  if (config.dark) document.documentElement.classList.add('dark');
  const app = window.SubspaceWeb.start(canvas, config);
  window.Subspace = app;
  app.ready.then(
    () => {
      status.hidden = true;
      document.documentElement.classList.toggle('dark', !!app.status().dark);  // the remembered theme
      window.__subspaceReadyAt = performance.now();  // navigation to first frame (scripts/bench)
    },
    (e) => show(`Subspace could not start: ${e.message}`));
  // A service worker makes the app load offline after this first visit (it needs a secure
  // context: https, or http on localhost).
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('sw.js').catch((e) => console.warn('Subspace: offline support is off:', e.message));
  }
  app.on('error', (e) => {
    if (e && e.code === 'crashed') show(`Subspace stopped: ${e.message}\nReload the page to continue; saved changes are kept.`);
  });
})();
