/**
 * Worker-thread entry of ScreenThread: builds the filter (shipped packs plus the operator folders, hot-reloaded)
 * and answers one screening message at a time. Compiled to dist/workers/screen-thread.js; under jest it is loaded
 * through an swc hook (lib/worker-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RulesReloader } from './rules-reloader';
import { verdictFor, type FromScreenThread, type ScreenThreadData, type ToScreenThread } from './screen-thread';

if (!parentPort) throw new Error('workers/screen-thread must run in a worker thread');
const port = parentPort;
const data = workerData as ScreenThreadData;
// Refused packs are logged and audited by the main thread's reloader, which reads the same folders.
const reloader = new RulesReloader({ dirs: data.dirs, classifier: data.classifier }).start();

port.on('message', (msg: ToScreenThread) => {
  if (msg.type === 'close') {
    reloader.close();
    port.close();
    return;
  }
  try {
    const verdict = verdictFor(reloader.current(), msg.input, msg.images, msg.extra);
    port.postMessage({ type: 'verdict', id: msg.id, verdict } satisfies FromScreenThread);
  } catch (err) {
    port.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) } satisfies FromScreenThread);
  }
});
