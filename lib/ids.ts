import { randomUUID } from 'node:crypto';

/**
 * Time-ordered random ids (`it_<time><random>`): sortable by creation, safe in BullMQ job ids
 * (no `:`), URLs and file names.
 */
export function newId(prefix: string): string {
  // randomUUID draws from a pooled buffer (one syscall per many ids); 20 of its hex digits are 80 random bits.
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomUUID().replace(/-/g, '').slice(-20)}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
