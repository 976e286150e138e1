import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { MAX_JSON_BYTES } from '../../api/ingest/body';
import { loadConfig } from '../../lib/config';
import { tempDir } from '../harness/temp';

/**
 * The deployment files (Dockerfile, .dockerignore, docker-compose.yml, deploy/) against the code they deploy. No
 * Docker engine runs here, so the image is not built: instead its runtime layout is assembled from the Dockerfile's
 * COPY lines and the real CLI is run from it.
 */

const ROOT = path.join(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

// ---- Dockerfile

interface Instruction {
  stage: number;
  op: string;
  args: string;
}

/** Instructions with their stage index; continuation lines joined, comments and parser directives dropped. */
function parseDockerfile(text: string): { stages: Array<{ image: string; name: string | null }>; instructions: Instruction[] } {
  const stages: Array<{ image: string; name: string | null }> = [];
  const instructions: Instruction[] = [];
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  for (const line of logical.split('\n')) {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1].toUpperCase();
    const args = m[2].trim();
    if (op === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ image: from[1], name: from[2] ?? null });
    }
    instructions.push({ stage: stages.length - 1, op, args });
  }
  return { stages, instructions };
}

/** COPY's sources and destination, with its --from stage (null: the build context). */
function copyOf(args: string): { from: string | null; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length) ?? null;
  return { from, sources: paths.slice(0, -1), dest: paths[paths.length - 1] };
}

const execForm = (args: string): string[] => JSON.parse(args) as string[];

/** Docker's .dockerignore rules for one path: the last matching pattern wins; a pattern also covers what is below. */
function ignored(patterns: string[], file: string): boolean {
  let out = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const re = new RegExp(
      '^' +
        pattern
          .split('/')
          .map((part) =>
            part === '**'
              ? '.*'
              : part
                  .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                  .replace(/\*/g, '[^/]*')
                  .replace(/\?/g, '[^/]'),
          )
          .join('/')
          .replace(/\.\*\//g, '(?:.*/)?') +
        '(?:/.*)?$',
    );
    if (re.test(file)) out = !negated;
  }
  return out;
}

const docker = parseDockerfile(read('Dockerfile'));
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const runtimeStage = docker.stages.length - 1;
const runtime = docker.instructions.filter((i) => i.stage === runtimeStage);
const buildStage = docker.stages.findIndex((s) => s.name === 'build');
const WORKDIR = runtime.filter((i) => i.op === 'WORKDIR').pop()?.args ?? '/';

/** Runtime-stage COPY lines from the build stage as (path in the repository's tree → path in the image). */
function runtimeCopies(): Array<{ source: string; dest: string }> {
  const buildDir = docker.instructions.filter((i) => i.stage === buildStage && i.op === 'WORKDIR').pop()!.args;
  return runtime
    .filter((i) => i.op === 'COPY')
    .map((i) => copyOf(i.args))
    .flatMap(({ from, sources, dest }) => {
      expect(from).toBe('build');
      return sources.map((s) => {
        const source = path.posix.relative(buildDir, s);
        const target = path.posix.resolve(WORKDIR, dest.endsWith('/') ? path.posix.join(dest, path.posix.basename(s)) : dest);
        return { source, dest: path.posix.relative(WORKDIR, target) };
      });
    });
}

/** What the processes read from disk, relative to the package root: each is found by walking up from dist/. */
const BUILD_OUTPUTS = ['dist', 'review-ui/dist', 'node_modules'];
const RUNTIME_FILES = ['package.json', 'bin', 'rules/packs', 'rules/model', 'deploy/healthcheck.js', ...BUILD_OUTPUTS];

describe('Dockerfile', () => {
  test('builds in node:20-bookworm and runs in node:20-bookworm-slim', () => {
    expect(docker.stages.length).toBeGreaterThanOrEqual(2);
    expect(docker.stages[buildStage]?.image).toBe('node:20-bookworm');
    expect(docker.stages[runtimeStage].image).toBe('node:20-bookworm-slim');
    const buildRuns = docker.instructions.filter((i) => i.stage === buildStage && i.op === 'RUN').map((i) => i.args);
    expect(buildRuns.join('\n')).toMatch(/npm ci\b/);
    expect(buildRuns.join('\n')).toMatch(/npm run build\b/);
    expect(buildRuns.join('\n')).toMatch(/npm prune --omit=dev/);
    // Built once: the runtime stage installs and builds nothing.
    for (const i of runtime.filter((r) => r.op === 'RUN')) expect(i.args).not.toMatch(/\bnpm\b|\bnpx\b/);
  });

  test('runs as a non-root user, exposes 8080, checks /readyz with node, starts `shenhe api`', () => {
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    const userAt = runtime.findIndex((i) => i.op === 'USER');
    const entryAt = runtime.findIndex((i) => i.op === 'ENTRYPOINT');
    expect(userAt).toBeLessThan(entryAt);
    expect(runtime.filter((i) => i.op === 'EXPOSE').map((i) => i.args)).toEqual(['8080']);
    expect(execForm(runtime.find((i) => i.op === 'ENTRYPOINT')!.args)).toEqual(['node', 'bin/shenhe.js']);
    expect(execForm(runtime.find((i) => i.op === 'CMD')!.args)).toEqual(['api']);

    const health = runtime.find((i) => i.op === 'HEALTHCHECK')!.args;
    const check = execForm(health.slice(health.indexOf('CMD') + 'CMD'.length).trim());
    expect(check[0]).toBe('node');
    const script = runtimeCopies().find((c) => c.dest === check[1]);
    expect(script).toBeDefined();
    expect(read(script!.source)).toContain("'/readyz'");
  });

  test('every path the Dockerfile copies exists and reaches the build context', () => {
    const fromContext = docker.instructions.filter((i) => i.op === 'COPY' && copyOf(i.args).from === null).flatMap((i) => copyOf(i.args).sources);
    expect(fromContext).toContain('.');
    for (const source of fromContext) {
      expect(existsSync(path.join(ROOT, source))).toBe(true);
      if (source !== '.') expect(ignored(dockerignore, source)).toBe(false);
    }
    for (const { source } of runtimeCopies()) {
      if (BUILD_OUTPUTS.some((out) => source === out || source.startsWith(`${out}/`))) continue;
      expect(existsSync(path.join(ROOT, source))).toBe(true);
      expect(ignored(dockerignore, source)).toBe(false);
    }
  });

  test('the build context holds what `npm run build` reads and none of what it makes', () => {
    const tsconfig = JSON.parse(read('tsconfig.json')) as { include: string[]; compilerOptions: { outDir: string } };
    const buildExcludes = (JSON.parse(read('tsconfig.build.json')) as { exclude: string[] }).exclude;
    const compiled = tsconfig.include.filter((dir) => !buildExcludes.includes(dir));
    const needed = [
      ...compiled,
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'review-ui/src',
      'review-ui/index.html',
      'rules/wasm',
    ];
    for (const file of needed) expect({ file, ignored: ignored(dockerignore, file) }).toEqual({ file, ignored: false });
    for (const made of BUILD_OUTPUTS) expect({ made, ignored: ignored(dockerignore, made) }).toEqual({ made, ignored: true });
    // The build outputs are where the runtime copies them from.
    expect(tsconfig.compilerOptions.outDir).toBe('dist');
    expect(read('review-ui/vite.config.mts')).toMatch(/outDir: 'dist'/);
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['build:wasm']).toMatch(/-o dist\/rules\/wasm\/scan\.wasm/);
  });

  test('the runtime stage copies everything the processes read from disk, to the same place', () => {
    const copies = runtimeCopies();
    for (const file of RUNTIME_FILES) expect(copies).toContainEqual({ source: file, dest: file });
  });
});

// ---- docker-compose.yml and deploy/nginx.conf

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}

/** `${VAR}`, `${VAR:-default}` and `${VAR:?message}` filled in as `docker compose` would from this environment. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, kind: string | undefined, rest: string | undefined) => {
    if (env[name]) return env[name];
    if (kind === '?') throw new Error(`compose needs ${name}: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

const COMPOSE_ENV = { POSTGRES_PASSWORD: 'c0ffee', SHENHE_ADMIN_PASSWORD: 'first-admin-password', SHENHE_MASTER_KEY: 'ab'.repeat(32) };
// Compose reads YAML merge keys (`<<: *shenhe`).
const compose = load(interpolate(read('docker-compose.yml'), COMPOSE_ENV), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const LONG_RUNNING = ['postgres', 'redis', 'api', 'worker', 'proxy'];
const SHENHE = ['migrate', 'api', 'worker'];
const words = (v: string[] | string | undefined): string[] => (Array.isArray(v) ? v : (v ?? '').split(/\s+/));
const env = (name: string): Record<string, string> => Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, String(v)]));

/** nginx's directives as (context path, directive, arguments), e.g. ['server', 'location = /x'] / proxy_pass / […]. */
function parseNginx(text: string): Array<{ context: string[]; name: string; args: string[] }> {
  const out: Array<{ context: string[]; name: string; args: string[] }> = [];
  const context: string[] = [];
  const tokens = text.replace(/#[^\n]*/g, '').match(/"[^"]*"|[{};]|[^\s{};]+/g) ?? [];
  let current: string[] = [];
  for (const t of tokens) {
    if (t === '{') {
      context.push(current.join(' '));
      current = [];
    } else if (t === '}') context.pop();
    else if (t === ';') {
      out.push({ context: [...context], name: current[0], args: current.slice(1) });
      current = [];
    } else current.push(t);
  }
  return out;
}

const nginx = parseNginx(read('deploy/nginx.conf'));

describe('docker-compose.yml', () => {
  test('postgres, redis, a one-shot migrate, api, worker and a proxy; the image built once and reused', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'proxy', 'redis', 'worker']);
    expect(services.postgres.image).toMatch(/^postgres:16-alpine$/);
    expect(services.postgres.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(services.postgres.healthcheck?.test).toContain('pg_isready');
    expect(words(services.redis.command).join(' ')).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
    const built = Object.entries(services).filter(([, s]) => s.build !== undefined);
    expect(built.map(([name]) => name)).toEqual(['migrate']);
    for (const name of SHENHE) expect({ name, image: services[name].image }).toEqual({ name, image: 'shenhe:local' });
  });

  test('nothing installs or builds at container start', () => {
    for (const [name, s] of Object.entries(services)) {
      const line = [...words(s.entrypoint), ...words(s.command)].join(' ');
      expect({ name, line }).toEqual({ name, line: expect.not.stringMatching(/\bnpm\b|\bnpx\b|\byarn\b|\btsc\b/) });
      expect(s.volumes?.some((v) => /^\.:\/|^\.\/?:/.test(v)) ?? false).toBe(false); // no source tree mounted over the image
    }
    expect(words(services.migrate.command)).toEqual(['migrate']);
    expect(words(services.api.command)).toEqual(['api']);
    expect(words(services.worker.command)[0]).toBe('worker');
  });

  test('long-running services restart and have health checks; migrate runs once before api and worker', () => {
    for (const name of LONG_RUNNING) {
      expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, check: services[name].healthcheck?.test?.[0] }).toEqual({ name, check: expect.stringMatching(/^CMD(-SHELL)?$/) });
    }
    expect(services.migrate.restart).toBe('no');
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(services.migrate.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  });

  test('shenhe processes get a valid configuration with PostgreSQL and the shared Redis', () => {
    for (const name of SHENHE) {
      const e = env(name);
      expect(e.SHENHE_DATABASE_URL).toBe(`postgres://shenhe:${COMPOSE_ENV.POSTGRES_PASSWORD}@postgres:5432/shenhe`);
      expect(e.REDIS_URL).toBe('redis://redis:6379');
      // One key seals webhook secrets for every process; the data dirs are each container's own.
      expect(e.SHENHE_MASTER_KEY).toBe(COMPOSE_ENV.SHENHE_MASTER_KEY);
      expect(() => loadConfig(e)).not.toThrow();
    }
    expect(loadConfig(env('api'))).toMatchObject({ host: '0.0.0.0', port: 8080, trustProxy: 1 });
  });

  test('api and worker health checks ask /readyz on the port each listens on', () => {
    const port = (name: string): string => services[name].healthcheck!.test!.slice(-1)[0];
    expect(services.api.healthcheck?.test?.slice(1, 3)).toEqual(['node', 'deploy/healthcheck.js']);
    expect(port('api')).toBe(env('api').PORT);
    const worker = words(services.worker.command);
    expect(services.worker.healthcheck?.test?.slice(1, 3)).toEqual(['node', 'deploy/healthcheck.js']);
    expect(port('worker')).toBe(worker[worker.indexOf('--metrics-port') + 1]);
  });

  test('only the proxy publishes a port; api replicas are found through Docker DNS', () => {
    for (const [name, s] of Object.entries(services)) if (name !== 'proxy') expect({ name, ports: s.ports }).toEqual({ name, ports: undefined });
    expect(services.proxy.ports).toEqual(['8080:8080']);
    expect(services.proxy.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(nginx.filter((d) => d.name === 'listen' && d.context.length === 1).map((d) => d.args[0])).toContain('8080');

    const resolver = nginx.find((d) => d.name === 'resolver');
    expect(resolver?.args[0]).toBe('127.0.0.11');
    expect(resolver?.args).toContainEqual(expect.stringMatching(/^valid=\d{1,2}s$/));
    // proxy_pass through a variable: resolved while serving, so scaled replicas are found.
    const target = nginx.find((d) => d.name === 'set' && d.args[0] === '$shenhe_api')?.args[1];
    expect(target).toBe(`http://api:${env('api').PORT}`);
    const passes = nginx.filter((d) => d.name === 'proxy_pass');
    expect(passes.length).toBeGreaterThan(0);
    for (const p of passes) expect(p.args).toEqual(['$shenhe_api']);
  });

  test('the proxy passes the client address, streams the dashboard and lets the largest valid ingest through', () => {
    const header = (name: string) => nginx.find((d) => d.name === 'proxy_set_header' && d.args[0] === name)?.args[1];
    expect(header('X-Forwarded-For')).toBe('$remote_addr');
    expect(header('X-Forwarded-Proto')).toBe('$scheme');
    expect(env('api').SHENHE_TRUST_PROXY).toBe('1'); // one proxy, which replaces X-Forwarded-For

    const stream = /router\.get\('(\/dashboard\/stream)'/.exec(read('api/console/dashboard-stream.ts'))![1];
    expect(read('api/server.ts')).toMatch(/app\.use\('\/api', api/);
    const sse = nginx.filter((d) => d.context.includes(`location = /api${stream}`));
    expect(sse.find((d) => d.name === 'proxy_buffering')?.args).toEqual(['off']);

    const size = /^(\d+)([kmg]?)$/i.exec(nginx.find((d) => d.name === 'client_max_body_size')!.args[0])!;
    const bytes = Number(size[1]) * 1024 ** ['', 'k', 'm', 'g'].indexOf(size[2].toLowerCase());
    expect(bytes).toBeGreaterThanOrEqual(MAX_JSON_BYTES);
    expect(bytes).toBeLessThanOrEqual(MAX_JSON_BYTES + 8 * 1024 * 1024);
  });
});

// ---- the image's runtime layout, run for real

describe('the runtime layout the Dockerfile assembles', () => {
  const tmp = tempDir('shenhe-image-');
  const app = path.join(tmp.dir, 'app');
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    expect(existsSync(path.join(ROOT, 'dist/cli/main.js')) && existsSync(path.join(ROOT, 'review-ui/dist/index.html'))).toBe(true); // npm run build first
    for (const { source, dest } of runtimeCopies()) {
      mkdirSync(path.dirname(path.join(app, dest)), { recursive: true });
      // Copies, so that walking up from dist/ finds only what the image has; node_modules holds none of our files.
      if (source === 'node_modules') symlinkSync(path.join(ROOT, source), path.join(app, dest));
      else cpSync(path.join(ROOT, source), path.join(app, dest), { recursive: true });
    }
  });

  const screen = (bin: string): { stdout: string; stderr: string } => {
    const input = ['{"id":"a","text":"加微信领红包，兼职日赚五百"}', '{"id":"b","title":"你好","text":"今天天气很好"}'].join('\n');
    const r = spawnSync(process.execPath, [bin, 'screen'], { cwd: tmp.dir, input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(r.status).toBe(0);
    return { stdout: r.stdout, stderr: r.stderr };
  };

  test('screens exactly as the repository does: shipped packs and classifier found, the WebAssembly scan loop loaded', () => {
    const fromImage = screen(path.join(app, 'bin/shenhe.js'));
    expect(fromImage).toEqual(screen(path.join(ROOT, 'bin/shenhe.js')));
    // What it screens with, e.g. "screening with rules shipped@2026.1#43b4e3e793af, model cls-6+7d39c0c606".
    expect(fromImage.stderr).toMatch(/rules shipped@\S+, model cls-/);
    expect(JSON.parse(fromImage.stdout.split('\n')[0]).suggestion).not.toBe('pass');
    const wasm = spawnSync(
      process.execPath,
      ['-e', `process.stdout.write(String(require(${JSON.stringify(path.join(app, 'dist/rules/wasm-scanner.js'))}).scanModule() !== null))`],
      {
        encoding: 'utf8',
      },
    );
    expect(wasm.stdout).toBe('true');
  });

  test('`shenhe api` serves the review UI and passes the health check; the check fails once it is gone', async () => {
    const api = new ImageProcess(path.join(app, 'bin/shenhe.js'), ['api'], tmp.dir, {
      HOST: '0.0.0.0',
      PORT: '0',
      SHENHE_DATA_DIR: path.join(tmp.dir, 'data'),
      REDIS_URL: process.env.SHENHE_TEST_REDIS_URL!,
      SHENHE_QUEUE_PREFIX: `{deploy${process.pid}}`,
      SHENHE_ADMIN_PASSWORD: 'not-printed-0123',
    });
    let port = '';
    try {
      port = new URL(await api.listening()).port;
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      expect((await healthcheck(app, [port])).status).toBe(0);
      expect((await healthcheck(app, [], { PORT: port, HOST: '0.0.0.0' })).status).toBe(0);
    } finally {
      await api.stop();
    }
    const gone = await healthcheck(app, [port]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain('ECONNREFUSED');
  });

  test('the health check fails on a 503 from /readyz', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === '/readyz' ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end('{"ok":false,"checks":{"redis":false,"store":true}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const r = await healthcheck(app, [String((server.address() as AddressInfo).port)]);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('"redis":false');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** `node deploy/healthcheck.js …` from the layout; asynchronous, so that a server in this process can answer it. */
function healthcheck(app: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { PORT: _port, HOST: _host, ...rest } = process.env;
  const proc = spawn(process.execPath, [path.join(app, 'deploy/healthcheck.js'), ...args], { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  proc.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  return new Promise((resolve) => proc.once('close', (status) => resolve({ status, ...out })));
}

/** `node <the image's bin/shenhe.js> …` from another directory (ShenheProcess runs the repository's). */
class ImageProcess {
  private readonly proc: ChildProcess;
  private readonly exited: Promise<unknown>;
  private url: string | null = null;
  private stderr = '';

  constructor(bin: string, args: string[], cwd: string, env: Record<string, string>) {
    this.proc = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.stdout!.on('data', (d: Buffer) => {
      this.url ??= /listening on (http:\/\/\S+)/.exec(d.toString())?.[1] ?? null;
    });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  async listening(): Promise<string> {
    while (!this.url) {
      if (this.proc.exitCode !== null) throw new Error(`shenhe exited (${this.proc.exitCode}): ${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
    await this.exited;
  }
}
