import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

/** The Waline release the plugin is tested against. */
export const WALINE_VERSION = '1.39.3';

/**
 * `@waline/vercel` installed from npm into a cache dir outside the repository, reused when present. The first
 * install takes about two minutes here: its SQLite driver (sqlite3) compiles from source when no prebuilt binary
 * can be downloaded.
 */
export async function ensureWaline(): Promise<string> {
  const dir = path.join(os.tmpdir(), `shenhe-waline-${WALINE_VERSION}`);
  const ready = (): boolean =>
    existsSync(path.join(dir, 'node_modules', '@waline', 'vercel', 'package.json')) &&
    existsSync(path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
  if (ready()) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', dir, `@waline/vercel@${WALINE_VERSION}`], {
    cwd: dir,
    timeout: 10 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!ready()) throw new Error(`@waline/vercel@${WALINE_VERSION} did not install into ${dir}`);
  return dir;
}

/** Waline's SQLite schema (its `waline.sqlite` template, which the npm package does not ship). */
const SCHEMA = `
CREATE TABLE wl_Comment (
  id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, comment TEXT, insertedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  ip TEXT DEFAULT '', link TEXT, mail TEXT, nick TEXT, pid INTEGER, rid INTEGER, sticky NUMERIC,
  status TEXT NOT NULL DEFAULT '', "like" INTEGER, ua TEXT, url TEXT,
  createdAt DATETIME DEFAULT CURRENT_TIMESTAMP, updatedAt DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE wl_Counter (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER, reaction0 INTEGER, reaction1 INTEGER, reaction2 INTEGER,
  reaction3 INTEGER, reaction4 INTEGER, reaction5 INTEGER, reaction6 INTEGER, reaction7 INTEGER, reaction8 INTEGER,
  url TEXT NOT NULL DEFAULT '', createdAt DATETIME DEFAULT CURRENT_TIMESTAMP, updatedAt DATETIME DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE wl_Users (
  id INTEGER PRIMARY KEY AUTOINCREMENT, display_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '', label TEXT, url TEXT, avatar TEXT, github TEXT,
  twitter TEXT, facebook TEXT, google TEXT, weibo TEXT, qq TEXT, oidc TEXT, huawei TEXT, "2fa" TEXT,
  createdAt DATETIME DEFAULT CURRENT_TIMESTAMP, updatedAt DATETIME DEFAULT CURRENT_TIMESTAMP
);
`;

export interface WalineOptions {
  walineDir: string;
  dataDir: string;
  shenheUrl: string;
  apiKey: string;
  webhookSecret: string;
  siteUrl: string;
}

/** A real Waline process with the shenhe plugin and SQLite storage in `dataDir`. */
export class WalineServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dbFile: string,
  ) {}

  static async start(o: WalineOptions): Promise<WalineServer> {
    const dbFile = path.join(o.dataDir, 'waline.sqlite');
    const db = new Database(dbFile);
    db.exec(SCHEMA);
    db.close();
    const child = spawn(process.execPath, [path.join(__dirname, 'server.js')], {
      env: {
        PATH: process.env.PATH,
        HOME: o.dataDir,
        TMPDIR: o.dataDir,
        WALINE_DIR: o.walineDir,
        SQLITE_PATH: o.dataDir,
        SQLITE_DB: 'waline',
        AKISMET_KEY: 'false', // no call to akismet.com: Waline would otherwise approve or spam it on its own
        IPQPS: '0', // the test posts several comments from 127.0.0.1 in a row
        SHENHE_URL: o.shenheUrl,
        SHENHE_API_KEY: o.apiKey,
        SHENHE_WEBHOOK_SECRET: o.webhookSecret,
        SITE_URL: o.siteUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Waline did not start: ${stderr}`)), 60_000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /\{"port":(\d+)\}/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Waline exited with ${code}: ${stderr}`));
      });
    });
    child.stdout!.resume();
    return new WalineServer(child, `http://127.0.0.1:${port}`, dbFile);
  }

  /** `POST /api/comment` as Waline's browser client sends it; the stored comment's objectId. */
  async comment(page: string, text: string, nick = '读者'): Promise<string> {
    const res = await fetch(`${this.url}/api/comment?lang=zh-CN`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' },
      body: JSON.stringify({ comment: text, nick, mail: `${nick}@example.cn`, link: '', url: page, ua: 'Mozilla/5.0' }),
    });
    const body = (await res.json()) as { errno: number; errmsg?: string; data?: { objectId: number | string } };
    if (body.errno !== 0 || !body.data) throw new Error(`Waline refused the comment: ${JSON.stringify(body)}`);
    return String(body.data.objectId);
  }

  /** The page's public comment list (what visitors see): the comments' texts. */
  async visibleComments(page: string): Promise<string[]> {
    const res = await fetch(`${this.url}/api/comment?path=${encodeURIComponent(page)}&page=1&pageSize=50&sortBy=insertedAt_desc&lang=zh-CN`);
    const body = (await res.json()) as { errno: number; data: { data: Array<{ orig?: string; comment: string }> } };
    if (body.errno !== 0) throw new Error(`Waline list failed: ${JSON.stringify(body)}`);
    return body.data.data.map((c) => c.orig ?? c.comment);
  }

  /** The stored status, read from Waline's own SQLite file. */
  status(objectId: string): string | undefined {
    const db = new Database(this.dbFile, { readonly: true });
    try {
      return (db.prepare('SELECT status FROM wl_Comment WHERE id = ?').get(Number(objectId)) as { status: string } | undefined)?.status;
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
    });
  }
}
