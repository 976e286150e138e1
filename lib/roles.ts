/**
 * Staff roles and who may do what, defined once: the store's rows, the HTTP routes, the compliance permission matrix,
 * the OpenAPI document and the review UI all read these. (The store's triggers repeat REVIEWER_ROLES in SQL, the
 * last line of defence; the migrations cannot import.)
 */
export const ROLES = ['moderator', 'senior', 'officer', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who may decide items (the store's triggers say the same). */
export const REVIEWER_ROLES = ['moderator', 'senior', 'officer', 'admin'] as const satisfies readonly Role[];
/** Everyone with an account: reviewers plus auditors, who read but never change. */
export const READER_ROLES = ROLES;
/** Security officers and admins: tenants, incidents, exports, rules in force, deliveries. */
export const MANAGER_ROLES = ['officer', 'admin'] as const satisfies readonly Role[];
/** Managers plus auditors: read the records oversight needs (audit log, deliveries, incidents, personal data). */
export const OVERSIGHT_ROLES = ['officer', 'admin', 'auditor'] as const satisfies readonly Role[];
/** Seniors and above, and auditors: read rule packs and shadow rules. */
export const RULE_READER_ROLES = ['senior', 'officer', 'admin', 'auditor'] as const satisfies readonly Role[];
/** Seniors and above: try a text against the rules. */
export const RULE_TESTER_ROLES = ['senior', 'officer', 'admin'] as const satisfies readonly Role[];
/** Staff accounts: admins change them, auditors read them. */
export const ACCOUNT_READER_ROLES = ['admin', 'auditor'] as const satisfies readonly Role[];
export const ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
/** Roles that see personal data (clause 14) unmasked; every such view is audited. */
export const PII_ROLES = OVERSIGHT_ROLES;

/** The permission matrix of the compliance routes (docs/permissions.md is written from these; tests walk them). */
export const ROLES_OF = {
  incidentWrite: MANAGER_ROLES,
  incidentRead: OVERSIGHT_ROLES,
  exportWrite: MANAGER_ROLES,
  exportRead: OVERSIGHT_ROLES,
  exportDownload: MANAGER_ROLES,
  officerWrite: MANAGER_ROLES,
  officerRead: READER_ROLES,
  personalData: OVERSIGHT_ROLES,
  legalHold: MANAGER_ROLES,
  auditRead: OVERSIGHT_ROLES,
  banner: READER_ROLES,
  retentionPreview: OVERSIGHT_ROLES,
  backupWrite: ADMIN_ROLES,
} as const satisfies Record<string, readonly Role[]>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
