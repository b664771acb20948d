import { type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../actor';
import type { Config } from '../config';
import { ServiceUnavailableError, TooManyRequestsError } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { pageErrorHandler } from './pages';
import { assignRequestId } from './request-id';

/** Probes and scrapes answer whatever the load: an orchestrator must tell "busy" from "dead". */
const NEVER_REFUSED = new Set(['/health', '/ready', '/metrics']);
const OVERLOAD_RETRY_AFTER_SECONDS = 2;
const PER_USER_RETRY_AFTER_SECONDS = 1;
/** monitorEventLoopDelay's timer; its samples include it, so it is taken off the mean. */
const RESOLUTION_MS = 10;
const LOCALS_KEY = 'loadGuard';
const BUSY_MESSAGE = 'The service is busy. Please try again in a moment.';

/**
 * The API's answer to a shed request, the error middleware's body built without it. The connection is
 * closed after it: while the process is saturated, open keep-alive connections whose clients ask again
 * at once would otherwise keep it busy and new connections wait in the accept queue for seconds (the
 * loop accepts only between their requests); a client that reconnects queues behind them fairly.
 */
function sendBusy(res: Response, requestId: string): void {
  const body = JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: BUSY_MESSAGE, requestId } });
  res.writeHead(503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(body);
}

export type RefusalReason = 'lag' | 'in_flight';

/**
 * Load shedding for one API process. Past OVERLOAD_MAX_EVENT_LOOP_LAG_MS of event-loop lag or
 * OVERLOAD_MAX_IN_FLIGHT requests being served, a new request is refused at once with 503 and
 * Retry-After instead of queueing behind the others; /health, /ready and /metrics never are.
 * Expensive routes (candidate lists, reports, list searches) also take at most EXPENSIVE_MAX_PER_USER
 * requests of one user at once (429). All counts are this process's: with WEB_CONCURRENCY workers a
 * user may run that many per worker.
 */
export class LoadGuard {
  private inFlight = 0;
  private lagMs = 0;
  private readonly perUser = new Map<string, number>();
  /** Requests shed since the last sample, told in one log line per sample rather than one per request. */
  private shed = 0;
  private histogram?: IntervalHistogram;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly settings: Readonly<Config['overload']>,
    private readonly metrics: Metrics,
    private readonly logger?: Logger,
  ) {}

  /**
   * Starts sampling the event loop (the API's entry does; an app that is never started is shed on
   * requests in flight alone). The lag of a sample is the larger of the histogram's mean delay and
   * the sampling timer's own lateness, so one long block counts even when the histogram missed it.
   */
  start(): void {
    if (this.timer || this.settings.maxEventLoopLagMs === 0) return;
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    const interval = this.settings.sampleIntervalMs;
    let last = performance.now();
    this.histogram = histogram;
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - last - interval;
      last = now;
      const mean = histogram.count > 0 ? histogram.mean / 1e6 - RESOLUTION_MS : 0;
      histogram.reset();
      this.lagMs = Math.max(0, late, mean);
      this.metrics.eventLoopLag.set(this.lagMs / 1000);
      if (this.shed > 0) {
        this.logger?.warn(
          { shed: this.shed, lagMs: Math.round(this.lagMs), inFlight: this.inFlight },
          'load shed',
        );
        this.shed = 0;
      }
    }, interval);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram?.disable();
    this.timer = undefined;
    this.histogram = undefined;
    this.lagMs = 0;
  }

  /** What shedding last measured: event-loop lag (ms) and requests in flight. */
  status(): { lagMs: number; inFlight: number } {
    return { lagMs: this.lagMs, inFlight: this.inFlight };
  }

  /** Why a new request would be refused now, if it would. */
  refusal(): RefusalReason | undefined {
    const { maxEventLoopLagMs, maxInFlight } = this.settings;
    if (maxEventLoopLagMs > 0 && this.lagMs > maxEventLoopLagMs) return 'lag';
    if (maxInFlight > 0 && this.inFlight >= maxInFlight) return 'in_flight';
    return undefined;
  }

  /**
   * The app's first middleware after the security headers: refuses a new request while overloaded (the
   * API's error body, written here; a page visitor gets the "try again" page), else counts it in flight
   * until its connection closes. Refusals are not access-logged one by one (see `start`). It also
   * leaves this guard where the API router's expensive routes find it.
   */
  middleware(): RequestHandler {
    return (req, res, next) => {
      res.locals[LOCALS_KEY] = this;
      if (NEVER_REFUSED.has(req.path) || req.path.startsWith('/assets/')) return next();
      const reason = this.refusal();
      if (reason) {
        this.refused(reason);
        this.shed += 1;
        const requestId = assignRequestId(req, res);
        if (req.method !== 'GET' || req.path.startsWith('/api/')) return sendBusy(res, requestId);
        req.id = requestId;
        res.setHeader('Connection', 'close');
        const busy = new ServiceUnavailableError(BUSY_MESSAGE, undefined, OVERLOAD_RETRY_AFTER_SECONDS);
        return pageErrorHandler(busy, req, res, next);
      }
      this.inFlight += 1;
      this.metrics.requestsInFlight.set(this.inFlight);
      res.once('close', () => {
        this.inFlight -= 1;
        this.metrics.requestsInFlight.set(this.inFlight);
      });
      next();
    };
  }

  /** Counts a refused request (the expensive routes' 429s too). */
  refused(reason: RefusalReason | 'per_user'): void {
    this.metrics.overloadRefused.inc({ reason });
  }

  /** Takes one of the caller's expensive-route places (key: the user's id); false when they hold them all. */
  tryEnter(key: string): boolean {
    const held = this.perUser.get(key) ?? 0;
    if (held >= this.settings.expensivePerUser) return false;
    this.perUser.set(key, held + 1);
    return true;
  }

  leave(key: string): void {
    const held = (this.perUser.get(key) ?? 0) - 1;
    if (held > 0) this.perUser.set(key, held);
    else this.perUser.delete(key);
  }

  /** Whether the client has gone; if so the request's work stops here, counted at `stage`. */
  abandoned(req: Request, res: Response, stage: 'before' | 'respond'): boolean {
    if (!clientGone(req, res)) return false;
    this.metrics.requestsAbandoned.inc({ stage });
    return true;
  }
}

/** The connection closed (or the client sent its end) before the answer was complete. */
export function clientGone(req: Request, res: Response): boolean {
  if (res.writableEnded) return false;
  const socket = req.socket as Request['socket'] | null;
  return res.destroyed || !socket || socket.destroyed || socket.readableEnded;
}

const guardOf = (res: Response): LoadGuard | undefined => res.locals[LOCALS_KEY] as LoadGuard | undefined;

/**
 * In front of an expensive route's handler (after access and input checks): a request whose client has
 * gone is dropped before the heavy step, and one user holds at most EXPENSIVE_MAX_PER_USER places at
 * once (429 with Retry-After); the place is given back when the answer ends or the client leaves.
 */
export const expensiveRoute: RequestHandler = (req, res, next) => {
  const guard = guardOf(res);
  if (!guard) return next();
  if (guard.abandoned(req, res, 'before')) return;
  const actor = res.locals.actor as Actor | undefined;
  const key = actor?.userId ?? `ip:${req.ip}`;
  if (!guard.tryEnter(key)) {
    guard.refused('per_user');
    throw new TooManyRequestsError(
      PER_USER_RETRY_AFTER_SECONDS,
      'You already have requests of this kind running. Try again when they have finished.',
    );
  }
  res.once('close', () => guard.leave(key));
  next();
};

/** Before an answer is serialised: true (and counted) when nobody is there to read it. */
export function answerAbandoned(req: Request, res: Response): boolean {
  return guardOf(res)?.abandoned(req, res, 'respond') ?? false;
}
