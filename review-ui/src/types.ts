/** Shapes of the moderator API's answers, as the UI uses them. */
import type { Role } from '../../lib/roles';

/** Defined once, for the server and the UI. */
export type { Role };

export interface UserSettings {
  greyscale?: boolean;
  lang?: 'zh-CN' | 'en';
  undoSeconds?: number;
}

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  settings?: UserSettings;
}

export interface Hit {
  rule: string;
  field: string;
  start: number;
  end: number;
  text: string;
}

export interface Label {
  category: string;
  label?: string;
  score: number;
  hits: Hit[];
  /** Why a label without keyword hits was raised (the classifier, an image finding, learned decisions). */
  reason?: string;
  source?: 'rules' | 'classifier' | 'learned' | 'image';
  /** Learned labels: a decided item this one resembles. */
  similarTo?: string;
}

export interface Verdict {
  suggestion: 'block' | 'review' | 'pass';
  risk: number;
  labels: Label[];
  images?: Array<{ index: number; format?: string; width?: number; height?: number; phash?: string; ocrText?: string }>;
  engine?: { rules: string; model: string };
}

export interface ReviewItem {
  id: string;
  tenantId: string;
  tenantName?: string | null;
  externalId: string;
  kind: string | null;
  title: string | null;
  text: string | null;
  author: { id: string | null; name: string | null };
  url: string | null;
  meta: Record<string, unknown> | null;
  status: string;
  risk: number;
  suggestion: string | null;
  images: Array<{ index: number; name: string | null; format: string | null; width: number | null; height: number | null; bytes: number }>;
  verdict: Verdict | null;
  /** Set when the item is (or was) appealed (CONTRACT §12). */
  appeal?: Appeal | null;
  createdAt: string;
  updatedAt: string;
}

export interface Appeal {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  reason: string;
  createdAt: string;
  decidedAt: string | null;
  original: { action: string; categories: string[]; note: string | null; decidedAt: string; by: string | null } | null;
}

export interface Lease {
  id: string;
  expiresAt: string;
  queue: string;
}

export interface Claimed {
  item: ReviewItem;
  lease: Lease;
}

export interface ItemSummary {
  id: string;
  tenantId: string;
  tenantName?: string | null;
  externalId: string;
  kind: string | null;
  title: string | null;
  snippet: string;
  imageCount: number;
  author: { id: string | null; name: string | null };
  status: string;
  risk: number;
  suggestion: string | null;
  categories: string[];
  decision: { action: string; categories: string[]; userId: string | null; decidedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type DecisionAction = 'approve' | 'reject' | 'escalate';

export interface DecisionInput {
  action: DecisionAction;
  categories?: string[];
  note?: string | null;
}
