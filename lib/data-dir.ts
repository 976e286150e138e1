import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * The key that seals webhook secrets: SHENHE_MASTER_KEY when given (several machines must share it), else the data
 * dir's `master.key`, created on first use, which the processes sharing one data dir agree on.
 */
export function masterKey(dataDir: string, fromEnv: string | null = null): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'master.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const key = randomBytes(32);
    try {
      writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      // another process created it first
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    }
  }
}

export function imagesDir(dataDir: string): string {
  return path.join(dataDir, 'images');
}

/** Where `start` records the private redis-server's address for other commands on the same data dir. */
export function redisAddressFile(dataDir: string): string {
  return path.join(dataDir, 'redis', 'address.json');
}
