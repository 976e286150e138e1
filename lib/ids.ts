import { randomBytes } from 'node:crypto';

/**
 * Time-ordered random ids (`it_<time><random>`): sortable by creation, safe in BullMQ job ids
 * (no `:`), URLs and file names.
 */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
