// Tocsin's service worker: shows pushed pages (Web Push, RFC 8030) as notifications with Acknowledge and Resolve
// actions. An action posts the page's signed, single-use answer link; a tap opens the incident.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('push', function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = { title: 'Tocsin', body: event.data.text() }; }
  var options = {
    body: data.body || '',
    tag: data.tag || data.deliveryId,
    data: data,
    actions: data.actions || [],
    requireInteraction: data.kind === 'page',
    renotify: data.kind === 'page'
  };
  event.waitUntil(self.registration.showNotification(data.title || 'Tocsin', options));
});

self.addEventListener('notificationclick', function (event) {
  var data = event.notification.data || {};
  event.notification.close();
  var link = event.action === 'acknowledge' ? data.acknowledgeUrl : event.action === 'resolve' ? data.resolveUrl : null;
  if (link) {
    event.waitUntil(fetch(link, { method: 'POST', credentials: 'omit', headers: { 'Accept': 'text/html' } }));
  } else {
    event.waitUntil(self.clients.openWindow(data.url || '/'));
  }
});
