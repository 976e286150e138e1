// Verifies shenhe webhooks (docs/api.md, "Webhooks") with Node.js built-ins only.
// Run: SHENHE_WEBHOOK_SECRET=whsec_… PORT=3000 node verify.js
'use strict';
const crypto = require('node:crypto');
const http = require('node:http');

/**
 * True when `signatureHeader` ("t=<unix seconds>,v1=<hex>") is a valid HMAC-SHA256 of "<t>.<rawBody>" under
 * `secret`, made at most `toleranceSeconds` ago (or ahead). `rawBody` must be the exact bytes received.
 */
function verifyWebhook(rawBody, signatureHeader, secret, toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000)) {
  let t = null;
  const signatures = [];
  for (const part of String(signatureHeader || '').split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d+$/.test(value)) t = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (t === null || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return signatures.some((s) => crypto.timingSafeEqual(s, expected));
}

function serve(secret, port) {
  const seen = new Set(); // delivery ids already handled: a retry of a handled event changes nothing
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (req.method !== 'POST' || !verifyWebhook(raw, req.headers['x-shenhe-signature'], secret)) {
        process.stderr.write('refused: bad or missing signature\n');
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(raw.toString('utf8'));
      const delivery = String(req.headers['x-shenhe-delivery']);
      if (!seen.has(delivery)) {
        seen.add(delivery);
        // Publish or hide the content here (event.externalId, event.status), then answer 2xx.
        process.stdout.write(`${JSON.stringify({ delivery, type: event.type, id: event.id, externalId: event.externalId, status: event.status })}\n`);
      }
      res.writeHead(204).end();
    });
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write(`listening on ${server.address().port}\n`));
}

module.exports = { verifyWebhook };

if (require.main === module) {
  const secret = process.env.SHENHE_WEBHOOK_SECRET;
  if (!secret) {
    process.stderr.write('set SHENHE_WEBHOOK_SECRET\n');
    process.exit(2);
  }
  serve(secret, Number(process.env.PORT || 3000));
}
