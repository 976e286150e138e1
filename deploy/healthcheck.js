#!/usr/bin/env node
'use strict';
/*
 * The container health check (Dockerfile HEALTHCHECK, docker-compose.yml): GET /readyz on this container and exit 0
 * only on 200, so a process whose Redis or store is unreachable is reported unhealthy. Node itself, because the slim
 * runtime image has no curl or wget.
 *
 *   node deploy/healthcheck.js [PORT]   PORT defaults to $PORT, then 8080; a worker passes its --metrics-port.
 */
const http = require('node:http');

const port = Number(process.argv[2] || process.env.PORT || 8080);
const bound = process.env.HOST;
// A wildcard bind answers on loopback; a specific address must be asked on that address.
const host = !bound || bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;

function fail(message) {
  process.stderr.write(`readyz on ${host}:${port}: ${message}\n`);
  process.exit(1);
}

const req = http.get({ host, port, path: '/readyz', timeout: 4000 }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    if (body.length < 1000) body += chunk;
  });
  res.on('end', () => {
    // Docker keeps the output of the last checks (`docker inspect`): the per-dependency checks say what is down.
    process.stdout.write(`${res.statusCode} ${body}\n`);
    if (res.statusCode === 200) process.exit(0);
    fail(`HTTP ${res.statusCode}`);
  });
});
req.on('timeout', () => req.destroy(new Error('no answer within 4 s')));
req.on('error', (err) => fail(err.message));
