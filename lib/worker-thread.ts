import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker-thread entry `<dir>/<name>`: the compiled `.js` in a build (dist/…), or from TypeScript
 * sources (jest runs them through swc without emitting files) the `.ts` behind a require hook backed by
 * @swc/core, a dev dependency.
 */
export function startThread(dir: string, name: string, options: WorkerOptions = {}): Worker {
  const compiled = path.join(dir, `${name}.js`);
  if (fs.existsSync(compiled)) return new Worker(compiled, options);
  const source = path.join(dir, `${name}.ts`);
  const bootstrap = `
    const { createRequire } = require('node:module');
    const fs = require('node:fs');
    const entry = ${JSON.stringify(source)};
    const req = createRequire(entry);
    const { transformSync } = req('@swc/core');
    req.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
        filename, sourceMaps: 'inline',
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    req(entry);`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** Asks a thread to finish (`message`, which its entry answers by closing its port) and terminates it after `graceMs`. */
export async function closeThread(worker: Worker, message: unknown, graceMs: number): Promise<void> {
  // Referenced again so that the process stays up until the thread is really gone.
  worker.ref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage(message);
  let grace: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    grace = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([exited, late]);
  clearTimeout(grace);
  if (outcome === 'late') await worker.terminate();
}
