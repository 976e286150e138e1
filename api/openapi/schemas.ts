import { z } from 'zod';
import { CATEGORIES } from '../../rules/categories';
import { ROLES } from '../../store/rows';

/**
 * Response shapes of the documented API, in zod so the OpenAPI document is generated from them and the API
 * tests check real answers against them (a response that drifts from its documentation fails a test).
 */

export const STATUSES = ['screening', 'pending_review', 'escalated', 'in_review', 'approved', 'published', 'blocked', 'rejected'] as const;

export const errorSchema = z.object({
  error: z.object({ code: z.string().meta({ description: 'stable code, see docs/api.md "Error codes"' }), message: z.string() }),
});

const hit = z.object({
  rule: z.string(),
  field: z.string().meta({ description: 'title, text, images[i], images[i].ocr or images[i].qr' }),
  start: z.int().meta({ description: 'UTF-16 index into the original field' }),
  end: z.int().meta({ description: 'UTF-16 index, exclusive' }),
  text: z.string().meta({ description: 'field.slice(start, end)' }),
});

export const verdictSchema = z
  .object({
    id: z.string().optional(),
    suggestion: z.enum(['block', 'review', 'pass']),
    risk: z.number().min(0).max(1),
    labels: z.array(
      z.object({ category: z.enum(CATEGORIES), label: z.string().optional(), score: z.number(), hits: z.array(hit), reason: z.string().optional() }),
    ),
    engine: z.object({ rules: z.string(), model: z.string() }),
    images: z
      .array(
        z.object({
          index: z.int(),
          format: z.string(),
          width: z.int(),
          height: z.int(),
          phash: z.string().regex(/^[0-9a-f]{16}$/),
          ocrText: z.string().optional(),
        }),
      )
      .optional(),
  })
  .meta({ description: "CONTRACT §6: the automatic filter's verdict." });

export const decisionRecordSchema = z.object({
  action: z.enum(['approve', 'reject', 'escalate', 'block']).meta({ description: "`block` is the filter's automatic refusal" }),
  categories: z.array(z.string()),
  note: z.string().nullable(),
  decidedAt: z.iso.datetime(),
});

export const acceptedSchema = z.object({ id: z.string(), externalId: z.string(), status: z.enum(STATUSES) });

export const contentStateSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  status: z.enum(STATUSES),
  verdict: verdictSchema.optional(),
  decision: decisionRecordSchema.optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const userSchema = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES) });

export const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

export const leaseSchema = z.object({ id: z.string(), expiresAt: z.iso.datetime(), queue: z.enum(['review', 'escalated']) });

export const reviewItemSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  externalId: z.string(),
  kind: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string().nullable(),
  author: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  url: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()).nullable(),
  status: z.enum(STATUSES),
  risk: z.number().nullable(),
  suggestion: z.enum(['block', 'review', 'pass']).nullable(),
  images: z.array(
    z.object({
      index: z.int(),
      name: z.string().nullable(),
      format: z.string().nullable(),
      width: z.int().nullable(),
      height: z.int().nullable(),
      bytes: z.int(),
    }),
  ),
  verdict: verdictSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const claimSchema = z.object({ item: reviewItemSchema, lease: leaseSchema });

export const extendSchema = z.object({ lease: leaseSchema, expiresAt: z.iso.datetime() });

export const decisionAnswerSchema = z.object({
  decision: decisionRecordSchema.extend({ id: z.string() }),
  item: z.object({ id: z.string(), status: z.enum(STATUSES) }),
  suggestIncident: z.boolean().meta({ description: 'true when a rejection names a category that may be a major security incident (clause 17)' }),
});

export const dashboardSchema = z.object({
  queue: z.object({ waiting: z.int(), inReview: z.int(), escalated: z.int(), oldestWaitingSeconds: z.int() }),
  statuses: z.record(z.string(), z.int()),
  decisionsLastHour: z.int(),
  sla: z.object({ seconds: z.int(), breached: z.boolean() }),
  at: z.iso.datetime(),
});

export const webhookSchema = z
  .object({
    type: z.enum(['content.approved', 'content.rejected', 'content.blocked']),
    id: z.string(),
    externalId: z.string(),
    status: z.enum(['approved', 'rejected', 'blocked']),
    decision: decisionRecordSchema,
  })
  .meta({ description: "CONTRACT §4: the body POSTed to the tenant's callback URL." });

export const readySchema = z.object({ ok: z.boolean(), checks: z.record(z.string(), z.boolean()) });

/** Answers of the console and compliance routes: JSON objects described in docs/api.md, not pinned here. */
export const anyObject = z.record(z.string(), z.unknown());
