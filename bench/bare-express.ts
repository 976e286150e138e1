/* The peer for the ingest benchmark: a bare express JSON endpoint doing no work, in its own process. */
import express from 'express';
import { randomUUID } from 'node:crypto';

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/v1/contents', (req, res) => {
  res.status(202).json({ id: randomUUID(), externalId: (req.body as { externalId?: string }).externalId, status: 'screening' });
});
const server = app.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
