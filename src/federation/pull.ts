import type { Message } from '../hotline/message.ts';
import { parseMessage } from '../hotline/message.ts';
import type { PullCursorStore } from '../store/pull-cursor-store.ts';
import type { OutboxEnvelope } from '../store/outbox-store.ts';
import type { DeliveryResult, StixObject, TransportReceipt } from './delivery-transport.ts';
import { readObject, readObjectPage, type CollectionSource } from './taxii-reader.ts';

export type { OutboxCollectionWriter } from './outbox-collection.ts';
export type { CollectionSource } from './taxii-reader.ts';

/** What the puller needs from the node. */
export interface PullerOptions {
  /** The pull-mode counterparts and their outbox collections for us. */
  sources: () => Promise<readonly CollectionSource[]>;
  cursors: PullCursorStore;
  /** The same incoming pipeline as push (verification included); `from` is the counterpart the envelope came from. */
  receive: (envelope: OutboxEnvelope, from: string) => Promise<DeliveryResult>;
  /** Sends a receipt back to the counterpart when it can; a failure is reported, never fatal. */
  postReceipt?: (source: CollectionSource, receipt: TransportReceipt) => Promise<void>;
  /**
   * Every object of a page that is not a message, in date_added order with the messages (e.g. agreement versions;
   * evidence is seen here too and may be ignored). A throw lists the object under `rejected`.
   */
  receiveOther?: (object: StixObject, from: string) => Promise<void>;
  /** Each report of a poll run by `start()` (e.g. to log rejections). */
  onReport?: (report: PullReport) => void;
  pageSize?: number;
  /** Pages read per counterpart per poll (default 50); the rest comes next poll. */
  maxPages?: number;
  /** Between polls when started (default 60 s). */
  intervalMs?: number;
  now?: () => number;
}

/** What one poll of one counterpart did. */
export interface PullReport {
  partyId: string;
  pages: number;
  delivered: string[];
  rejected: { messageId: string; code: string; reason: string }[];
  /** Set when the poll stopped early; the cursor stays where the last complete page left it. */
  error?: string;
  receiptErrors: string[];
}

const isMessage = (o: StixObject) => o.type === 'x-parley-message';

/**
 * Pull mode: reads each pull-mode counterpart's outbox collection page by page from the persisted cursor, groups
 * each message with its evidence (fetching an object by id when it came in an earlier poll), hands the envelopes to
 * the incoming pipeline and posts the receipts back. The cursor moves only after a page was handed over entirely.
 */
export class Puller {
  readonly #o: Required<Omit<PullerOptions, 'postReceipt' | 'receiveOther' | 'onReport'>> & PullerOptions;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<unknown> | undefined;

  constructor(options: PullerOptions) {
    this.#o = Object.freeze({ pageSize: 100, maxPages: 50, intervalMs: 60_000, now: Date.now, ...options });
  }

  /** Polls every counterpart once, one after the other. */
  async pollAll(): Promise<PullReport[]> {
    const reports: PullReport[] = [];
    for (const source of await this.#o.sources()) reports.push(await this.poll(source));
    return reports;
  }

  /** Polls one counterpart's collection until it has nothing more (or `maxPages`). */
  async poll(source: CollectionSource): Promise<PullReport> {
    const report: PullReport = { partyId: source.partyId, pages: 0, delivered: [], rejected: [], receiptErrors: [] };
    const cursor = await this.#o.cursors.get(source.partyId);
    const seen = new Map<string, StixObject[]>();
    let next: string | undefined;
    let addedAfter = cursor;
    try {
      while (report.pages < this.#o.maxPages) {
        const page = await readObjectPage(source, { addedAfter, next, limit: this.#o.pageSize });
        report.pages += 1;
        for (const object of page.objects) seen.set(object.id, [...(seen.get(object.id) ?? []), object]);
        for (const object of page.objects) {
          if (isMessage(object)) {
            if (!(await this.#handOver(source, object, seen, report))) return report;
          } else if (this.#o.receiveOther) {
            await this.#o.receiveOther(object, source.partyId).catch((error: unknown) => report.rejected.push({
              messageId: object.id, code: (error as { code?: string }).code ?? 'INTERNAL', reason: error instanceof Error ? error.message : String(error),
            }));
          }
        }
        if (page.dateAddedLast !== undefined) {
          await this.#o.cursors.set(source.partyId, page.dateAddedLast, new Date(this.#o.now()).toISOString());
        }
        // Without a `next` token, continue from this page's last date_added; without progress, stop.
        if (!page.more || (page.next === undefined && (page.dateAddedLast === undefined || page.dateAddedLast === addedAfter))) break;
        if (page.next !== undefined) next = page.next;
        else addedAfter = page.dateAddedLast;
      }
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
    }
    return report;
  }

  /** Polls every `intervalMs` until `stop()`. */
  start(): void {
    if (this.#timer !== undefined) return;
    const tick = () => {
      this.#polling = this.pollAll().then((reports) => reports.forEach((r) => this.#o.onReport?.(r))).catch(() => undefined).finally(() => {
        if (this.#timer !== undefined) this.#timer = setTimeout(tick, this.#o.intervalMs);
      });
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Stops polling after the poll under way. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#polling;
  }

  // False when the pipeline could not take it now (retryable): the poll stops and the page is read again next time.
  async #handOver(source: CollectionSource, object: StixObject, seen: Map<string, StixObject[]>, report: PullReport): Promise<boolean> {
    let message: Message;
    try {
      message = parseMessage(object);
    } catch (error) {
      report.rejected.push({ messageId: object.id, code: 'INVALID_STIX', reason: error instanceof Error ? error.message : String(error) });
      return true;
    }
    const evidence: StixObject[] = [];
    for (const { object_ref } of message.attachments) {
      if (!seen.has(object_ref)) seen.set(object_ref, await readObject(source, object_ref));
      evidence.push(...(seen.get(object_ref) ?? []));
    }
    const result = await this.#o.receive({ message, evidence }, source.partyId);
    if (result.outcome === 'failed') {
      report.error = `${message.id}: ${result.reason}`;
      return false;
    }
    if (result.outcome === 'rejected') {
      report.rejected.push({ messageId: message.id, code: result.code, reason: result.reason });
      return true;
    }
    report.delivered.push(message.id);
    try {
      await this.#o.postReceipt?.(source, result.receipt);
    } catch (error) {
      report.receiptErrors.push(`${message.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return true;
  }
}
