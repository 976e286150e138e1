import { z } from 'zod';
import { CATEGORIES } from '../../rules/categories';
import { ROLES } from '../../lib/roles';

/**
 * Response shapes of the documented API, in zod so the OpenAPI document is generated from them and the API
 * tests check real answers against them (a response that drifts from its documentation fails a test).
 */

export const STATUSES = ['screening', 'pending_review', 'escalated', 'in_review', 'approved', 'published', 'blocked', 'rejected', 'appealed'] as const;

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
    shadowHits: z
      .array(hit.extend({ category: z.enum(CATEGORIES) }))
      .optional()
      .meta({ description: 'CONTRACT §13: matches of `mode: shadow` rules, which change nothing else; absent when none' }),
  })
  .meta({ description: "CONTRACT §6: the automatic filter's verdict." });

export const decisionRecordSchema = z.object({
  action: z.enum(['approve', 'reject', 'escalate', 'block']).meta({ description: "`block` is the filter's automatic refusal" }),
  categories: z.array(z.string()),
  note: z.string().nullable(),
  decidedAt: z.iso.datetime(),
});

export const acceptedSchema = z.object({ id: z.string(), externalId: z.string(), status: z.enum(STATUSES) });

/** CONTRACT §12: an appeal as the tenant sees it. */
export const appealStateSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string(),
  decidedAt: z.iso.datetime().nullable(),
});

export const appealCreatedSchema = z.object({ id: z.string(), status: z.literal('pending') });

export const contentStateSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  status: z.enum(STATUSES),
  verdict: verdictSchema.optional(),
  decision: decisionRecordSchema.optional(),
  appeal: appealStateSchema.optional(),
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
  appeal: z
    .object({
      id: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
      reason: z.string(),
      createdAt: z.iso.datetime(),
      decidedAt: z.iso.datetime().nullable(),
      original: z
        .object({
          action: z.enum(['reject', 'block']),
          categories: z.array(z.string()),
          note: z.string().nullable(),
          decidedAt: z.iso.datetime(),
          by: z.string().nullable().meta({ description: "the username of the moderator who rejected it; null for the filter's block" }),
        })
        .nullable(),
    })
    .nullable()
    .meta({ description: 'CONTRACT §12: the appeal and the decision it is against, when the item was appealed' }),
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
  appeals: z
    .object({
      pending: z.int(),
      approved: z.int(),
      rejected: z.int(),
      overturnRate: z.number(),
      byModerator: z.array(z.object({ key: z.string(), label: z.string(), decided: z.int(), overturned: z.int(), overturnRate: z.number() })),
      byRule: z.array(z.object({ key: z.string(), label: z.string(), decided: z.int(), overturned: z.int(), overturnRate: z.number() })),
    })
    .meta({ description: 'CONTRACT §12: appeals waiting, and how often decided appeals overturn a decision (last 90 days per moderator and rule)' }),
  at: z.iso.datetime(),
});

export const webhookSchema = z
  .object({
    type: z.enum(['content.approved', 'content.rejected', 'content.blocked', 'content.appeal_rejected']),
    id: z.string(),
    externalId: z.string(),
    status: z.enum(['approved', 'rejected', 'blocked']),
    decision: decisionRecordSchema,
    appeal: z
      .object({ id: z.string(), reason: z.string() })
      .optional()
      .meta({ description: 'CONTRACT §12: on the decision of an appeal (content.approved or content.appeal_rejected)' }),
  })
  .meta({ description: "CONTRACT §4: the body POSTed to the tenant's callback URL." });

export const readySchema = z.object({ ok: z.boolean(), checks: z.record(z.string(), z.boolean()) });

/** Answers of the console and compliance routes: JSON objects described in docs/api.md, not pinned here. */
export const anyObject = z.record(z.string(), z.unknown());
