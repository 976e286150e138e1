import { DelayedError, Worker, type Job } from 'bullmq';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { QUEUE_PREFIX, QUEUES } from '../lib/queues';
import type { Redis } from '../lib/redis';
import type { ActionLabel, Filter, ImageInfo, Verdict } from '../rules/types';
import { verdictFor, type ImageHash, type ScreenThread } from './screen-thread';
import type { Store } from '../store/store';
import type { ImageStage } from './image-stage';
import type { LearnedLabels } from './learned-labels';

export interface ScreenWorkerOptions {
  /** BullMQ key prefix (default `{shenhe}`; SHENHE_QUEUE_PREFIX). */
  prefix?: string;
  store: Store;
  connection: Redis;
  logger: Logger;
  /** The filter in force now (hot-reloaded rules swap it). */
  filter: () => Filter;
  /** Image analysis; when absent, images are screened by the rules alone and flagged for review. */
  imageStage?: ImageStage | null;
  /** Runs the filter off this thread (the API's event loop); without it the filter runs here (tests, CLI). */
  thread?: ScreenThread | null;
  /** Called after a verdict commits, so the local outbox relay dispatches the next step at once. */
  onCommitted?: () => void;
  concurrency?: number;
  /** Where the screen duration is counted (`shenhe_screen_duration_seconds`). */
  metrics?: Metrics;
  /** What the tenant's moderators taught (CONTRACT §11); absent when SHENHE_LEARNING=false. */
  learned?: LearnedLabels | null;
}

/** The screen queue's consumer: filter → verdict → `blocked` or `pending_review`, all in one transaction. */
export class ScreenWorker {
  private readonly worker: Worker;
  /** Items with images in progress here, per tenant. */
  private readonly imageItems = new Map<string, number>();
  private readonly imageItemsPerTenant: number;

  constructor(private readonly options: ScreenWorkerOptions) {
    const concurrency = options.concurrency ?? 8;
    this.imageItemsPerTenant = Math.max(1, Math.floor(concurrency / 2));
    this.worker = new Worker(QUEUES.screen, (job, token) => this.process(job, token), {
      connection: options.connection,
      prefix: options.prefix ?? QUEUE_PREFIX,
      concurrency,
      autorun: false,
      maxStalledCount: 1000,
      // Short locks (renewed while a job runs) so a killed worker's jobs return within seconds, not a minute.
      lockDuration: 15_000,
      stalledInterval: 5000,
    });
    this.worker.on('error', (err) => options.logger.warn({ err: String(err) }, 'screen worker: error'));
    this.worker.on('failed', (job, err) => options.logger.error({ jobId: job?.id, err: String(err) }, 'screen worker: job failed'));
  }

  start(): this {
    void this.worker.run();
    return this;
  }

  /** Screens one item. Safe to run twice: the verdict is recorded only while the item is still `screening`. */
  async screen(itemId: string): Promise<string> {
    const { store } = this.options;
    const started = process.hrtime.bigint();
    const item = await store.getItem(itemId);
    if (!item || item.status !== 'screening') return 'done-before';
    const fields: Record<string, string> = {};
    const extra: ActionLabel[] = [];
    const infos: ImageInfo[] = [];
    const analysed: Array<{ index: number; width: number | null; height: number | null; phash: string | null; storedFormat: string | null }> = [];
    const hashes: ImageHash[] = [];
    for (const img of await store.imagesOf(itemId)) {
      const result = await this.analyseImage(itemId, img.index, item.tenantId);
      extra.push(...result.labels);
      if (result.info) {
        infos.push(result.info);
        if (result.info.ocrText) fields[`images[${img.index}].ocr`] = result.info.ocrText;
        if (result.qr.length) fields[`images[${img.index}].qr`] = result.qr.join('\n');
        hashes.push({ index: img.index, phash: result.info.phash });
      }
      analysed.push({
        index: img.index,
        width: result.info?.width ?? null,
        height: result.info?.height ?? null,
        phash: result.info?.phash ?? null,
        storedFormat: result.storedFormat,
      });
    }
    const input = { id: item.id, title: item.title ?? undefined, text: item.text ?? undefined, fields };
    const thread = this.options.thread;
    let verdict: Verdict = thread ? await thread.verdict(input, hashes, extra) : verdictFor(this.options.filter(), input, hashes, extra);
    if (this.options.learned) verdict = await this.options.learned.apply(item.tenantId, input, verdict, this.options.filter());
    if (infos.length) verdict = { ...verdict, images: infos };
    const recorded = await store.recordVerdict(item.id, verdict, analysed);
    if (recorded) {
      this.options.metrics?.itemScreened(Number(process.hrtime.bigint() - started) / 1e9, verdict.suggestion);
      this.options.onCommitted?.();
    }
    return recorded ? verdict.suggestion : 'done-before';
  }

  private async analyseImage(
    itemId: string,
    index: number,
    tenantId: string,
  ): Promise<{ info: ImageInfo | null; labels: ActionLabel[]; qr: string[]; storedFormat: string | null }> {
    const field = `images[${index}]`;
    const original = await this.options.store.imageBytes(itemId, index, 'orig');
    if (!original) {
      return {
        info: null,
        labels: [{ category: 'other_illegal', label: 'missing_image', score: 0.5, hits: [], reason: 'image.missing', action: 'review' }],
        qr: [],
        storedFormat: null,
      };
    }
    const stage = this.options.imageStage;
    if (!stage) {
      return {
        info: null,
        labels: [{ category: 'other_illegal', label: 'unanalysed_image', score: 0.3, hits: [], reason: 'image.stage_unavailable', action: 'review' }],
        qr: [],
        storedFormat: null,
      };
    }
    const a = await stage.analyse(original, index, tenantId);
    if (a.variants) {
      await this.options.store.putImageBytes(itemId, index, 'stored', a.variants.stored);
      await this.options.store.putImageBytes(itemId, index, 'thumb', a.variants.thumb);
      await this.options.store.putImageBytes(itemId, index, 'blur', a.variants.blur);
    }
    const labels: ActionLabel[] = a.findings.map((f) => ({
      category: f.category,
      label: f.label,
      score: f.score,
      action: f.action,
      reason: f.reason,
      hits: [{ rule: `image.${f.label ?? f.category}`, field: f.field || field, start: 0, end: 0, text: '' }],
    }));
    const info: ImageInfo | null = a.phash ? { index, format: a.format, width: a.width, height: a.height, phash: a.phash, ocrText: a.ocrText } : null;
    return { info, labels, qr: a.qrTexts, storedFormat: a.variants?.storedFormat ?? null };
  }

  /**
   * One tenant's items with images may hold at most half the slots: a flood of big images from one tenant must not
   * keep every other tenant's items from even starting (the image threads then share round robin, FairQueue).
   * A job over the share goes back to the queue shortly, behind the others.
   */
  private async process(job: Job, token?: string): Promise<string> {
    const itemId = String((job.data as { itemId?: unknown }).itemId ?? '');
    const item = await this.options.store.getItem(itemId);
    if (!item?.imageCount || !token) return this.screen(itemId);
    const tenant = item.tenantId;
    const held = this.imageItems.get(tenant) ?? 0;
    if (held >= this.imageItemsPerTenant) {
      await job.moveToDelayed(Date.now() + 250, token);
      throw new DelayedError();
    }
    this.imageItems.set(tenant, held + 1);
    try {
      return await this.screen(itemId);
    } finally {
      const left = (this.imageItems.get(tenant) ?? 1) - 1;
      if (left > 0) this.imageItems.set(tenant, left);
      else this.imageItems.delete(tenant);
    }
  }

  async close(): Promise<void> {
    await this.worker.close();
  }
}
