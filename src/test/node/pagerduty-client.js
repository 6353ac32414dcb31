// Drives PagerDuty's official JavaScript client (@pagerduty/pdjs 2.2.4) against Tocsin. pdjs only speaks HTTPS to
// a host it is given, so this script puts a small TLS endpoint (certificate made by the test with keytool, trusted
// through NODE_EXTRA_CA_CERTS) in front of Tocsin's plain-HTTP test port; the client's requests reach Tocsin as sent.
// Usage: node pagerduty-client.js <tocsin port> <routing key> <dedup key> <pkcs12 file> <password>; one JSON line.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const { event, change } = require('@pagerduty/pdjs');

const [tocsinPort, routingKey, dedupKey, pfx, passphrase] = process.argv.slice(2);

const tls = https.createServer({ pfx: fs.readFileSync(pfx), passphrase }, (request, response) => {
  const upstream = http.request({ host: '127.0.0.1', port: Number(tocsinPort), path: request.url,
    method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', (error) => { response.writeHead(502); response.end(String(error)); });
  request.pipe(upstream);
});

async function send(server, action, payload) {
  const data = { routing_key: routingKey, event_action: action, dedup_key: dedupKey };
  if (payload) {
    data.payload = payload;
    data.links = [{ href: 'https://runbooks.example.org/checkout', text: 'Runbook' }];
    data.client = 'pdjs';
  }
  const answer = await event({ server, data });
  return { status: answer.status, body: answer.data };
}

tls.listen(0, '127.0.0.1', async () => {
  const server = `localhost:${tls.address().port}`;
  try {
    const trigger = await send(server, 'trigger', { summary: 'Checkout 5xx above 5% (pdjs)', source: 'checkout-1',
      severity: 'critical', component: 'api', custom_details: { rate: 7.3 } });
    const acknowledge = await send(server, 'acknowledge');
    const resolve = await send(server, 'resolve');
    const deployed = await change({ server, data: { routing_key: routingKey, payload: {
      summary: 'Deployed checkout 4.3.1 (pdjs)', source: 'ci', timestamp: new Date().toISOString() } } });
    console.log(JSON.stringify({ trigger, acknowledge, resolve, change: { status: deployed.status, body: deployed.data } }));
  } catch (error) {
    console.error(error.stack || String(error));
    process.exitCode = 1;
  } finally {
    tls.close();
  }
});
