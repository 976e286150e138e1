'use strict';
/**
 * A real Waline server (@waline/vercel from the cache dir in WALINE_DIR) with the shenhe plugin, on 127.0.0.1 and a
 * free port; prints {"port"} on stdout once listening. Storage: SQLite in SQLITE_PATH (read by Waline at load).
 *
 * Waline fetches its list of OAuth providers from OAUTH_URL (default https://oauth.lithub.cc) on every request and
 * answers 500 when that fails; the test has no internet, so a local stub with no providers stands in.
 */
const http = require('node:http');
const path = require('node:path');

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

async function main() {
  const oauth = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"services":[]}'));
  process.env.OAUTH_URL = `http://127.0.0.1:${await listen(oauth)}`;

  const createWaline = require(path.join(process.env.WALINE_DIR, 'node_modules', '@waline', 'vercel'));
  const shenhe = require('../../../integrations/waline');
  const handler = createWaline({
    plugins: [
      shenhe({
        url: process.env.SHENHE_URL,
        apiKey: process.env.SHENHE_API_KEY,
        webhookSecret: process.env.SHENHE_WEBHOOK_SECRET,
        siteUrl: process.env.SITE_URL,
      }),
    ],
  });
  const server = http.createServer((req, res) => handler(req, res));
  const port = await listen(server);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.on('SIGTERM', () => {
    oauth.close();
    server.close(() => process.exit(0));
  });
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
