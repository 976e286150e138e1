import { appError } from '../../lib/errors';
import { requireRole } from '../../api/auth/session';
import type { RouteModule } from '../../api/server';
import { actorOf, param, roles } from './common';

/** Everything in the report is text from the store, escaped: a title like `<script>` prints as characters. */
export function escapeHtml(s: string | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:60em;margin:2em auto;color:#111}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eee}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}.meta td:first-child{width:14em;font-weight:bold}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}`;

/**
 * `GET /api/incidents/:id/report`: the written report for the provider, a self-contained HTML page meant for the
 * browser's print dialog. No scripts; its own CSP allows only the inline stylesheet.
 */
export const incidentReportRoutes: RouteModule = (router, deps, { staff }) => {
  router.get('/incidents/:id/report', ...staff, requireRole(...roles('incidentRead')), async (req, res) => {
    const inc = await deps.store.getIncident(param(req, 'id'));
    if (!inc) throw appError('INCIDENT_NOT_FOUND');
    const items = await deps.store.incidentItems(inc.id);
    const steps = await deps.store.incidentSteps(inc.id);
    const alarms = await deps.store.incidentAlarms(inc.id);
    const e = escapeHtml;
    const row = (k: string, v: string | null | undefined): string => `<tr><td>${e(k)}</td><td>${e(v ?? '—')}</td></tr>`;
    const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>安全事件报告 ${e(inc.id)}</title><style>${STYLE}</style></head>
<body>
<h1>网络安全事件报告 (Security incident report)</h1>
<table class="meta">
${row('事件编号 (incident id)', inc.id)}
${row('事件名称 (title)', inc.title)}
${row('状态 (status)', inc.status === 'open' ? '处理中 (open)' : '已关闭 (closed)')}
${row('登记时间 (opened)', inc.openedAt)}
${row('登记人 (opened by)', inc.openedBy.name)}
${row('报告时限 (24-hour deadline)', inc.deadlineAt)}
${row('关闭时间 (closed)', inc.closedAt)}
${row('关闭人 (closed by)', inc.closedBy?.name)}
${row('主管部门报告编号 (authorities\u2019 report reference)', inc.reportReference)}
</table>
<h2>事件描述 (description)</h2><p>${e(inc.description ?? '—').replace(/\n/g, '<br>')}</p>
${inc.reportSummary ? `<h2>处理总结 (summary)</h2><p>${e(inc.reportSummary).replace(/\n/g, '<br>')}</p>` : ''}
<h2>保全的条目 (items preserved under legal hold)</h2>
<table><tr><th>条目 (item)</th><th>状态 (status)</th><th>保全 (hold)</th><th>加入时间 (added)</th></tr>
${items.map((i) => `<tr><td>${e(i.itemId)}</td><td>${e(i.status ?? '—')}</td><td>${i.legalHold ? '是 (yes)' : '否 (no)'}</td><td>${e(i.addedAt)}</td></tr>`).join('\n') || '<tr><td colspan="4">—</td></tr>'}
</table>
<h2>处置经过 (timeline)</h2>
<table><tr><th>时间 (time)</th><th>类型 (kind)</th><th>人员 (by)</th><th>内容 (step)</th></tr>
${steps.map((s) => `<tr><td>${e(s.at)}</td><td>${e(s.kind)}</td><td>${e(s.actor.name ?? 'system')}</td><td>${e(s.text)}</td></tr>`).join('\n')}
</table>
<h2>提醒与告警 (reminders and alarms)</h2>
<table><tr><th>类型 (kind)</th><th>计划时间 (due)</th><th>发出时间 (sent)</th><th>结果 (result)</th></tr>
${alarms.map((a) => `<tr><td>${e(a.kind)}</td><td>${e(a.dueAt)}</td><td>${e(a.sentAt ?? '—')}</td><td>${e(a.result ?? '—')}</td></tr>`).join('\n')}
</table>
<p>生成时间 (generated): ${e(new Date().toISOString())} · shenhe</p>
</body></html>`;
    await deps.store.audit(actorOf(req), 'incident.report', { type: 'incident', id: inc.id }, {});
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.setHeader('Cache-Control', 'private, no-store');
    res.type('html').send(html);
  });
};
