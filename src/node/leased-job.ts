import { ParleyError } from '../errors.ts';
import type { LeaseStore } from '../store/lease-store.ts';
import { isDeadLocalHolder } from './lease-holder.ts';

/** Work that runs only while its lease is held: started when the lease is taken, stopped when it is lost or released. */
export interface LeasedWork {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** What happened to a lease, for the log. */
export type LeaseEvent =
  | { event: 'acquired'; lease: string; holder: string; replaced?: string }
  | { event: 'lost'; lease: string; holder: string; reason: string }
  | { event: 'released'; lease: string; holder: string }
  | { event: 'error'; lease: string; holder: string; error: unknown };

/** How leased jobs are run. */
export interface LeasedJobsOptions {
  leases: LeaseStore;
  /** This instance's holder id (see `instanceHolderId`). */
  holder: string;
  /** The lease's time-to-live; it is renewed every third of it. */
  ttlMs: number;
  now?: () => number;
  /** Whether a holder is known to be dead at once (default: a process of this host that no longer exists). */
  isDeadHolder?: (holder: string) => boolean;
  onEvent?: (event: LeaseEvent) => void;
}

interface Leased {
  name: string;
  work: LeasedWork;
  held: boolean;
  /** Local time until which our last successful renewal holds. */
  heldUntil: number;
  timer?: NodeJS.Timeout;
  ticking?: Promise<void>;
}

/**
 * Runs background jobs so that of all instances sharing a store, one runs each: a job runs only while this
 * instance holds the job's named lease. The lease is renewed every ttl/3; when a renewal fails (another holder,
 * or the store unreachable) or comes too late, the job is stopped at once; a free or expired lease is taken and
 * the job started. One line puts another job under a lease: `jobs.add('name', periodicWork(run, ms))`.
 */
export class LeasedJobs {
  readonly #o: Required<Omit<LeasedJobsOptions, 'onEvent'>> & Pick<LeasedJobsOptions, 'onEvent'>;
  readonly #jobs = new Map<string, Leased>();
  #stopped = false;

  constructor(options: LeasedJobsOptions) {
    if (!(options.ttlMs >= 30)) throw new ParleyError('BAD_REQUEST', 'a lease ttl must be at least 30 ms');
    this.#o = Object.freeze({ now: Date.now, isDeadHolder: (h: string) => isDeadLocalHolder(h), ...options });
  }

  /** Puts `work` under lease `name`; resolves after the first attempt to take it (and the work's start if taken). */
  async add(name: string, work: LeasedWork): Promise<void> {
    if (this.#jobs.has(name)) throw new Error(`lease ${name} already has a job`);
    const job: Leased = { name, work, held: false, heldUntil: 0 };
    this.#jobs.set(name, job);
    await this.#tick(job);
  }

  /** Whether this instance holds lease `name` (as of its last renewal). */
  holds(name: string): boolean {
    return this.#jobs.get(name)?.held ?? false;
  }

  /** Stops every job and releases the leases held, so that another instance takes them over at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const jobs = [...this.#jobs.values()];
    for (const job of jobs) clearTimeout(job.timer);
    await Promise.all(jobs.map((job) => job.ticking));
    await Promise.all(jobs.map(async (job) => {
      if (!job.held) return;
      await this.#giveUp(job, undefined);
      try {
        await this.#o.leases.release(job.name, this.#o.holder);
        this.#emit({ event: 'released', lease: job.name, holder: this.#o.holder });
      } catch (error) {
        this.#emit({ event: 'error', lease: job.name, holder: this.#o.holder, error });
      }
    }));
  }

  #tick(job: Leased): Promise<void> {
    job.ticking = this.#renew(job).finally(() => {
      job.ticking = undefined;
      if (!this.#stopped) job.timer = setTimeout(() => void this.#tick(job), Math.max(10, Math.floor(this.#o.ttlMs / 3)));
    });
    return job.ticking;
  }

  async #renew(job: Leased): Promise<void> {
    const { leases, holder, ttlMs } = this.#o;
    // A renewal that comes after our lease ran out (a stalled process): another may hold it already, so stop first.
    if (job.held && this.#o.now() > job.heldUntil) await this.#giveUp(job, 'the lease expired before it was renewed');
    const now = this.#o.now();
    let held: boolean;
    let replaced: string | undefined;
    try {
      held = await leases.acquire(job.name, holder, ttlMs, now);
      if (!held && !job.held) {
        const current = await leases.holder(job.name);
        if (current && current.holder !== holder && this.#o.isDeadHolder(current.holder)) {
          held = await leases.acquire(job.name, holder, ttlMs, now, { replacing: current.holder });
          if (held) replaced = current.holder;
        }
      }
    } catch (error) {
      this.#emit({ event: 'error', lease: job.name, holder, error });
      held = false;
    }
    if (this.#stopped && !job.held) {
      // stop() came while we were taking it: give it straight back.
      if (held) await leases.release(job.name, holder).catch(() => {});
      return;
    }
    if (held) job.heldUntil = now + ttlMs;
    if (held && !job.held) await this.#take(job, replaced);
    else if (!held && job.held) await this.#giveUp(job, 'another instance holds the lease or the store could not be reached');
  }

  async #take(job: Leased, replaced: string | undefined): Promise<void> {
    job.held = true;
    this.#emit({ event: 'acquired', lease: job.name, holder: this.#o.holder, ...(replaced ? { replaced } : {}) });
    try {
      await job.work.start();
    } catch (error) {
      // A job that cannot start leaves the lease to another instance and is tried again next round.
      this.#emit({ event: 'error', lease: job.name, holder: this.#o.holder, error });
      await this.#giveUp(job, 'the job failed to start');
      await this.#o.leases.release(job.name, this.#o.holder).catch(() => {});
    }
  }

  async #giveUp(job: Leased, reason: string | undefined): Promise<void> {
    if (!job.held) return;
    job.held = false;
    if (reason) this.#emit({ event: 'lost', lease: job.name, holder: this.#o.holder, reason });
    try {
      await job.work.stop();
    } catch (error) {
      this.#emit({ event: 'error', lease: job.name, holder: this.#o.holder, error });
    }
  }

  #emit(event: LeaseEvent): void {
    this.#o.onEvent?.(event);
  }
}
