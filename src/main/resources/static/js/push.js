// "Enable push on this device" on the profile page: asks for permission, subscribes this browser with Tocsin's
// VAPID key (RFC 8292) and adds the subscription as a PUSH contact method; its code arrives as a notification.
(function () {
  var box = document.getElementById('push-device');
  if (!box) { return; }
  var status = document.getElementById('push-status');
  var supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
    && window.isSecureContext;
  box.hidden = false;
  if (!supported) {
    document.getElementById('push-enable').disabled = true;
    status.textContent = box.dataset.msgUnsupported;
    return;
  }
  function key(base64url) {
    var padded = (base64url + '==='.slice((base64url.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }
  function csrf() {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (token && header) { headers[header.content] = token.content; }
    return headers;
  }
  document.getElementById('push-enable').addEventListener('click', function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') { throw new Error(box.dataset.msgDenied); }
      return Promise.all([navigator.serviceWorker.register('/sw.js').then(function () {
        return navigator.serviceWorker.ready;
      }), fetch(box.dataset.keyUrl, { headers: { 'Accept': 'application/json' } }).then(function (r) { return r.json(); })]);
    }).then(function (both) {
      return both[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(both[1].publicKey) });
    }).then(function (subscription) {
      var json = subscription.toJSON();
      return fetch(box.dataset.subscribeUrl, {
        method: 'POST', headers: csrf(), credentials: 'same-origin',
        body: JSON.stringify({ type: 'PUSH', name: box.dataset.deviceName, destination: json.endpoint, keys: json.keys })
      });
    }).then(function (response) {
      if (!response.ok) { throw new Error(box.dataset.msgFailed); }
      status.textContent = box.dataset.msgSent;
      window.location.reload();
    }).catch(function (e) {
      status.textContent = e && e.message && e.message.indexOf(' ') > 0 ? e.message : box.dataset.msgFailed;
    });
  });
})();
