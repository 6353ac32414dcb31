// Drives the official Opsgenie Node SDK (opsgenie-sdk 0.5.1) against Tocsin, exactly as a user's script would:
// create, request status, get by alias (to learn the tiny id), acknowledge by tiny id, close by alias.
// The SDK sends its paths with trailing slashes (POST /v2/alerts/, .../acknowledge/, .../close/).
// Usage: node opsgenie-client.js <tocsin base URL> <integration key> <alias>; prints one JSON line.
'use strict';
const opsgenie = require('opsgenie-sdk');

const [base, key, alias] = process.argv.slice(2);
opsgenie.configure({ api_key: key, host: base, maxAttempts: 1 });

function call(fn, ...args) {
  return new Promise((resolve, reject) => fn(...args, (error, result) => error
    ? reject(new Error(JSON.stringify(error))) : resolve(result)));
}

(async () => {
  const alerts = opsgenie.alertV2;
  const created = await call(alerts.create, { message: 'Checkout down (opsgenie-sdk)', alias,
    description: 'created by the official Node SDK', priority: 'P1', tags: ['sdk'], details: { region: 'eu' } });
  const status = await call(alerts.getRequestStatus, created.requestId);
  const found = await call(alerts.get, { identifier: alias, identifierType: 'alias' });
  const acknowledged = await call(alerts.acknowledge, { identifier: found.data.tinyId, identifierType: 'tiny' },
    { user: 'sdk-user', note: 'on it' });
  const afterAck = await call(alerts.get, { identifier: status.data.alertId, identifierType: 'id' });
  const closed = await call(alerts.close, { identifier: alias, identifierType: 'alias' }, { source: 'sdk' });
  const closeStatus = await call(alerts.getRequestStatus, closed.requestId);
  console.log(JSON.stringify({ created: created.result, requestStatus: status.data, tinyId: found.data.tinyId,
    acknowledged: acknowledged.result, acknowledgedFlag: afterAck.data.acknowledged, closeStatus: closeStatus.data }));
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
