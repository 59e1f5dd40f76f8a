import type { Logger } from 'pino';

/**
 * Runs an outbox's delivery soon after the caller's transaction commits (100 ms later), and once more a second
 * after that in case the commit was slow; one pending kick at a time. Timers are unref'd: they never keep the
 * process alive. Used by notifications' emails and by webhooks.
 */
export class Kicker {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly failure: string,
  ) {}

  kick(): void {
    if (this.timer) return;
    const run = () => this.deliver().catch((error) => this.log.warn({ err: error }, this.failure));
    this.timer = setTimeout(() => {
      this.timer = null;
      void run();
      setTimeout(run, 1000).unref();
    }, 100);
    this.timer.unref();
  }
}
