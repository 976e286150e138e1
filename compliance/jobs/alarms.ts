import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Config } from '../../lib/config';
import { sendOfficerMail, sendOfficerWebhook, type OfficerAlarm } from '../notify';
import type { Logger } from '../../lib/logger';
import { redactUrl } from '../../lib/redact';
import { KEEP_COMPLETED, KEEP_FAILED } from '../../lib/queues';
import type { Redis } from '../../lib/redis';
import { ALARM_KINDS, ALARM_QUEUE, alarmJobId, type AlarmKind } from '../../store/incident-clock';
import type { Store } from '../../store/store';

interface AlarmData {
  incidentId: string;
  kind: AlarmKind;
  /** Channels already delivered on an earlier attempt, so a retry does not send them twice. */
  done?: string[];
  /** Delivery retries so far (the job may have come through the outbox, without BullMQ attempts). */
  retries?: number;
}

const MAX_RETRIES = 20;
const retryDelayMs = (n: number): number => Math.min(30 * 60_000, 30_000 * 2 ** n);

export interface IncidentAlarmsOptions {
  config: Config;
  store: Store;
  logger: Logger;
  /** Blocking connection for the worker. */
  consumer: Redis;
  /** Connection for adding and inspecting jobs. */
  command: Redis;
}

/** Alarm e-mail goes to the configured addresses, else to the security officers of the tenants involved (all tenants when none is). */
async function recipients(store: Store, config: Config, incidentId: string): Promise<string[]> {
  if (config.officerAlertEmail.length) return config.officerAlertEmail;
  return store.incidentOfficerEmails(incidentId);
}

/**
 * Clause 17 reminders (6 h and 1 h before the deadline) and the overdue alarm: BullMQ delayed jobs with
 * deterministic ids on the `alarms` queue. The store records which alarms went out, so a job that runs twice
 * sends nothing the second time, and `ensure()` re-creates jobs a wiped Redis lost.
 */
export class IncidentAlarms {
  readonly queue: Queue;
  private readonly worker: Worker;

  constructor(private readonly options: IncidentAlarmsOptions) {
    const prefix = options.config.queuePrefix;
    this.queue = new Queue(ALARM_QUEUE, { connection: options.command, prefix });
    this.queue.on('error', () => undefined);
    this.worker = new Worker(ALARM_QUEUE, (job, token) => this.process(job as Job<AlarmData>, token), {
      connection: options.consumer,
      prefix,
      autorun: false,
      concurrency: 4,
    });
    this.worker.on('error', (err) => options.logger.warn({ err: String(err) }, 'incident alarms: error'));
    this.worker.on('failed', (job, err) => options.logger.error({ job: job?.id, err: String(err) }, 'incident alarm could not be delivered'));
  }

  start(): this {
    void this.worker.run();
    return this;
  }

  private async process(job: Job<AlarmData>, token: string | undefined): Promise<string> {
    const { store, config, logger } = this.options;
    const { incidentId, kind } = job.data;
    const incident = await store.getIncident(incidentId);
    if (!incident || incident.status !== 'open') return 'closed';
    const alarm = (await store.incidentAlarms(incidentId)).find((a) => a.kind === kind);
    if (!alarm || alarm.sentAt) return 'sent-before';
    const due = Date.parse(alarm.dueAt);
    // A job re-added with a stale delay (the outbox row waited for Redis) may come early: put it back to its due time.
    if (due - Date.now() > 1000) {
      await job.moveToDelayed(due, token);
      throw new DelayedError();
    }
    const payload: OfficerAlarm = {
      type: kind === 'deadline' ? 'incident.overdue' : 'incident.reminder',
      kind,
      incident: { id: incident.id, title: incident.title, openedAt: incident.openedAt, deadlineAt: incident.deadlineAt, status: incident.status },
      remainingMinutes: Math.round((Date.parse(incident.deadlineAt) - Date.now()) / 60_000),
      sentAt: new Date().toISOString(),
    };
    const done = new Set(job.data.done ?? []);
    const results: string[] = [];
    const failures: string[] = [];
    const channel = async (name: string, send: () => Promise<string>): Promise<void> => {
      if (done.has(name)) return void results.push(`${name} sent earlier`);
      try {
        results.push(await send());
        done.add(name);
        await job.updateData({ ...job.data, done: [...done] });
      } catch (err) {
        failures.push(`${name}: ${redactUrl((err as Error).message)}`);
      }
    };
    if (config.officerAlertUrl) await channel('webhook', () => sendOfficerWebhook(config.officerAlertUrl as string, payload));
    if (config.smtpUrl) await channel('email', async () => sendOfficerMail(config, await recipients(store, config, incidentId), payload));
    if (failures.length) {
      const retries = job.data.retries ?? 0;
      if (retries >= MAX_RETRIES) {
        // Give up on the channel but keep the record: the console banner still shows the incident as due or overdue.
        await store.markAlarmSent(incidentId, kind, `FAILED after ${retries} retries: ${failures.join('; ')}`);
        throw new Error(failures.join('; '));
      }
      logger.warn({ incidentId, kind, failures, retries }, 'incident alarm: a channel failed, will retry');
      await job.updateData({ ...job.data, done: [...done], retries: retries + 1 });
      await job.moveToDelayed(Date.now() + retryDelayMs(retries), token);
      throw new DelayedError();
    }
    const result = results.length ? results.join('; ') : 'console banner only (no SHENHE_OFFICER_ALERT_URL or SHENHE_SMTP_URL)';
    await store.markAlarmSent(incidentId, kind, result);
    logger.info({ incidentId, kind, result }, 'incident alarm sent');
    return result;
  }

  /** Re-creates the delayed job of every unsent alarm of an open incident that Redis no longer has. */
  async ensure(): Promise<number> {
    let added = 0;
    for (const a of await this.options.store.pendingAlarms()) {
      const jobId = alarmJobId(a.incidentId, a.kind);
      const job = await this.queue.getJob(jobId);
      if (job) {
        const state = await job.getState();
        // completed or failed while the store says unsent: the outcome was lost (or a stale id), so run it again
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await job.remove().catch(() => undefined);
      }
      await this.queue.add(
        ALARM_QUEUE,
        { incidentId: a.incidentId, kind: a.kind },
        {
          jobId,
          delay: Math.max(0, Date.parse(a.dueAt) - Date.now()),
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      );
      added++;
    }
    return added;
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}

export { ALARM_KINDS };
