/**
 * Queue names and shared BullMQ settings. The `{shenhe}` hash tag keeps every key of every queue in one
 * Redis Cluster slot; job ids never contain `:`.
 */
export const QUEUE_PREFIX = '{shenhe}';

export const QUEUES = {
  screen: 'screen',
  review: 'review',
  escalated: 'escalated',
  publish: 'publish',
  housekeeping: 'housekeeping',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Completed jobs are kept far longer than any retry window, so a deterministic job id is never reused by mistake. */
export const KEEP_COMPLETED = { age: 14 * 24 * 3600, count: 1_000_000 };
export const KEEP_FAILED = { age: 30 * 24 * 3600 };
