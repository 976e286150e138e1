/** Rejections in these categories may be a major security incident (clause 17): the console suggests opening one. */
export const INCIDENT_CATEGORIES: readonly string[] = ['national_security', 'constitution', 'malware'];

/** Extra fields of the decision answer (`POST /api/review/leases/:id/decision`). */
export function decisionExtras(d: { action: string; categories: readonly string[] }): { suggestIncident: boolean } {
  return { suggestIncident: d.action === 'reject' && d.categories.some((c) => INCIDENT_CATEGORIES.includes(c)) };
}
