import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { isSitePath } from '../../lib/site-url';

/** Length in characters (code points), as a person counts them, not UTF-16 units (JSON Schema's maxLength counts the same). */
const chars = (max: number) =>
  z
    .string()
    .refine((s) => s.isWellFormed(), 'contains an unpaired surrogate')
    .refine((s) => {
      if (s.length <= max) return true;
      let n = 0;
      for (const _ of s) if (++n > max) return false;
      return true;
    }, `must be at most ${max} characters`)
    .meta({ maxLength: max });

/**
 * Whether `value` nests more than `max` levels of objects/arrays. Iterative and stops at the first level past
 * `max`: a body nested thousands deep must give a 400, not overflow the stack (JSON.parse accepts any depth).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; ; depth++) {
    const next: unknown[] = [];
    let objects = 0;
    for (const v of level) {
      if (v === null || typeof v !== 'object') continue;
      objects++;
      for (const child of Array.isArray(v) ? v : Object.values(v)) next.push(child);
    }
    if (objects === 0) return false;
    if (depth + 1 > max) return true;
    level = next;
  }
}

const optionalText = (max: number) =>
  chars(max)
    .nullish()
    .transform((v) => (v ? v : undefined));

/** CONTRACT §3 `POST /v1/contents` (images still base64 here; decoded and checked after). */
export const contentSchema = z.object({
  externalId: chars(128).pipe(z.string().min(1, 'must not be empty')),
  kind: optionalText(32),
  title: optionalText(500),
  text: optionalText(50000),
  images: z
    .array(z.object({ name: chars(255).nullish(), data: z.string().min(1, 'must not be empty').meta({ contentEncoding: 'base64' }) }))
    .max(9, 'at most 9 images')
    .nullish(),
  author: z
    .object({
      id: chars(128).pipe(z.string().min(1, 'must not be empty')),
      name: chars(128).nullish(),
      ip: z
        .string()
        .max(64)
        .refine((v) => ipaddr.isValid(v), 'must be an IPv4 or IPv6 address')
        .nullish(),
    })
    .nullish(),
  // A path (`/posts/1.html`) is resolved against the tenant's site URL after authentication (lib/site-url.ts).
  url: chars(2048)
    .refine((v) => {
      if (isSitePath(v)) return true;
      try {
        return ['http:', 'https:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, 'must be an http or https URL, or a path starting with / on the site URL')
    .nullish(),
  meta: z
    .record(z.string(), z.unknown())
    .refine((m) => !nestedDeeperThan(m, 4), 'must be at most 4 levels deep')
    // Serialised only once known to be shallow (a deep value would overflow the stack in JSON.stringify).
    .refine((m) => nestedDeeperThan(m, 4) || Buffer.byteLength(JSON.stringify(m)) <= 4096, 'must be at most 4 KiB serialised')
    .nullish(),
});

export type ContentBody = z.output<typeof contentSchema>;

/** The first problem, naming the field, for the 400 message. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  return `${field}: ${issue?.message ?? 'invalid'}`;
}
