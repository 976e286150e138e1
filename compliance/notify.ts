import os from 'node:os';
import nodemailer from 'nodemailer';
import type { Config } from '../lib/config';
import type { Incident } from '../store/incident-clock';

export interface OfficerAlarm {
  type: 'incident.reminder' | 'incident.overdue';
  kind: 't6h' | 't1h' | 'deadline';
  incident: Pick<Incident, 'id' | 'title' | 'openedAt' | 'deadlineAt' | 'status'>;
  remainingMinutes: number;
  sentAt: string;
}

export function alarmText(a: OfficerAlarm): { subject: string; text: string } {
  const when =
    a.kind === 'deadline'
      ? '已超过 24 小时报告时限 (the 24-hour reporting deadline has passed)'
      : `距 24 小时报告时限还有约 ${Math.max(0, Math.round(a.remainingMinutes / 60))} 小时 (about ${Math.max(0, Math.round(a.remainingMinutes / 60))} h left before the 24-hour reporting deadline)`;
  const subject = `[shenhe] 安全事件${a.kind === 'deadline' ? '已逾期' : '报告提醒'}: ${a.incident.title}`;
  const text = [
    `安全事件 (security incident): ${a.incident.title}`,
    `编号 (id): ${a.incident.id}`,
    `登记时间 (opened): ${a.incident.openedAt}`,
    `报告时限 (deadline): ${a.incident.deadlineAt}`,
    when,
    '',
    '请按规定向主管部门报告并在系统中登记报告编号后关闭事件。',
    'Report to the authorities, then close the incident with the report reference.',
  ].join('\n');
  return { subject, text };
}

/** POSTs the alarm to the officer URL; a non-2xx answer is a failure (retried by the alarm job). */
export async function sendOfficerWebhook(url: string, alarm: OfficerAlarm): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shenhe-event': alarm.type },
    body: JSON.stringify(alarm),
    signal: AbortSignal.timeout(10_000),
    redirect: 'manual',
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`officer webhook answered ${res.status}`);
  return `webhook ${res.status}`;
}

/** `?from=` in SHENHE_SMTP_URL names the sender; the rest of the URL is nodemailer's own transport URL. */
export function smtpTransport(smtpUrl: string): { url: string; from: string } {
  const u = new URL(smtpUrl);
  const from = u.searchParams.get('from') ?? `shenhe@${os.hostname()}`;
  u.searchParams.delete('from');
  return { url: u.toString(), from };
}

export async function sendOfficerMail(config: Pick<Config, 'smtpUrl'>, to: string[], alarm: OfficerAlarm): Promise<string> {
  if (!config.smtpUrl) return 'no smtp';
  if (!to.length) throw new Error('no e-mail recipient: set SHENHE_OFFICER_ALERT_EMAIL or register security officers');
  const { url, from } = smtpTransport(config.smtpUrl);
  const transport = nodemailer.createTransport(url);
  try {
    const { subject, text } = alarmText(alarm);
    const info = await transport.sendMail({ from, to: to.join(', '), subject, text });
    return `e-mail to ${to.length} (${String(info.messageId ?? '')})`;
  } finally {
    transport.close();
  }
}
