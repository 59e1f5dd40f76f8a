import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@tandem/contracts';
import type { Database, Tx } from '@tandem/subgraph-kit';
import type { NotificationService } from '../notifications/notification.service';
import { adminLinks } from '../notifications/notification.links';
import { Kicker } from '../shared/kick';
import type { SecretBox } from '../second-factor/second-factor.crypto';
import { outgoingEvent, webhookBody } from './webhook.events';
import type { DeliveryClaim, WebhookRepository } from './webhook.repository';
import { DELIVERY_RETENTION_DAYS, retryDelaySeconds, shouldDisable, type DisableRule } from './webhook.rules';
import type { SendOutcome, WebhookSender } from './webhook.sender';

export interface DeliveryOptions {
  retryBaseSeconds: number;
  maxAttempts: number;
  disable: DisableRule;
}

/** The `webhook-id` of an event's message: one per event, the same on every endpoint, attempt and replay. */
export const messageIdOf = (eventId: string) => `msg_${eventId.replace(/-/g, '')}`;

/**
 * The webhook outbox. A consumed platform event becomes a delivery row per subscribed endpoint, in the event's
 * transaction (so a redelivered event queues nothing new); rows are then claimed (FOR UPDATE SKIP LOCKED, so
 * replicas never send one twice at once), sent, and either done or tried again with exponential back-off, like
 * notifications' emails. An endpoint that keeps failing is disabled and its admins are told (in-app and email).
 */
export class WebhookDeliverer {
  private readonly kicker: Kicker;
  private dueTimer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly repo: WebhookRepository,
    private readonly sender: WebhookSender,
    private readonly box: SecretBox | null,
    private readonly notifications: NotificationService,
    private readonly db: Database,
    private readonly log: Logger,
    private readonly isRunning: () => boolean,
    private readonly options: DeliveryOptions,
  ) {
    this.kicker = new Kicker(() => this.deliverDue(), this.log, 'webhook delivery failed');
  }

  /** Queues the event for the organisation's endpoints subscribed to it (a consumer, in the event's transaction). */
  async enqueue(tx: Tx, event: EventEnvelope): Promise<void> {
    const out = outgoingEvent(event);
    if (!out) return;
    const organizationId =
      out.organizationId ?? (out.subjectUserId ? await this.repo.organizationOfUser(tx, out.subjectUserId) : null);
    if (!organizationId) return;
    const endpoints = await this.repo.subscribed(tx, organizationId, out.type);
    const payload = webhookBody(out, event);
    const queued = await this.repo.enqueue(
      tx,
      endpoints.map((e) => ({
        id: randomUUID(),
        endpointId: e.id,
        messageId: messageIdOf(event.id),
        eventId: event.id,
        eventType: out.type,
        payload,
        replayOf: null,
      })),
    );
    if (queued > 0) this.kick();
  }

  /** Sends what is due, batch after batch; returns how many deliveries succeeded. Runs one at a time per process. */
  deliverDue(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      void this.scheduleNext();
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let succeeded = 0;
    for (;;) {
      if (!this.isRunning()) return succeeded;
      const batch = await this.repo.claimDue(10);
      if (batch.length === 0) return succeeded;
      const outcomes = await Promise.all(batch.map((claim) => this.attempt(claim)));
      succeeded += outcomes.filter(Boolean).length;
    }
  }

  private async attempt(claim: DeliveryClaim): Promise<boolean> {
    let outcome: SendOutcome;
    try {
      if (!this.box) throw new Error('no key to open webhook secrets (JWT_PRIVATE_KEY or SECOND_FACTOR_KEY)');
      const secrets = [claim.secretSealed, claim.previousSecretSealed]
        .filter((s): s is string => !!s)
        .map((s) => this.box!.open(s));
      outcome = await this.sender.send({
        url: claim.url,
        messageId: claim.messageId,
        body: claim.payload,
        secrets,
        at: new Date(),
      });
    } catch (error) {
      outcome = { ok: false, status: null, bodyExcerpt: null, error: (error as Error).message ?? String(error) };
    }
    await this.record(claim, outcome);
    return outcome.ok;
  }

  private async record(claim: DeliveryClaim, outcome: SendOutcome): Promise<void> {
    const giveUp = claim.attempts >= this.options.maxAttempts;
    const retryAt =
      outcome.ok || giveUp
        ? null
        : new Date(Date.now() + retryDelaySeconds(claim.attempts, this.options.retryBaseSeconds) * 1000);
    await this.db.transaction(async (tx) => {
      await this.repo.recordAttempt(tx, claim.id, outcome, retryAt);
      if (outcome.ok) return this.repo.endpointSucceeded(tx, claim.endpointId);
      this.log.warn({ delivery: claim.id, attempt: claim.attempts, error: outcome.error }, 'webhook delivery failed');
      const streak = await this.repo.endpointFailed(tx, claim.endpointId);
      if (streak && shouldDisable(streak.consecutiveFailures, streak.failingSince, new Date(), this.options.disable))
        await this.disable(tx, claim.endpointId, streak.consecutiveFailures, streak.failingSince);
    });
  }

  /** Disables a failing endpoint and tells its admins; the notices' emails go out through notifications' outbox. */
  private async disable(tx: Tx, endpointId: string, failures: number, since: Date): Promise<void> {
    const reason = `${failures} failed deliveries in a row since ${since.toISOString()}`;
    await this.repo.setEnabled(tx, endpointId, false, reason);
    const endpoint = (await this.repo.byId(endpointId, tx))!;
    for (const userId of await this.repo.admins(tx, endpoint)) {
      await this.notifications.notify(tx, {
        userId,
        kind: 'WEBHOOK_ENDPOINT_DISABLED',
        // in each admin's language (the catalogue's webhookDisabled)
        text: { id: 'webhookDisabled', values: { url: endpoint.url, failures, since } },
        // the endpoint on the admin app's Webhooks page (not the participant app, which staff do not use)
        link: adminLinks.webhookEndpoint(endpoint.organizationId, endpoint.id),
        sourceEventId: null,
      });
    }
    this.log.warn({ endpoint: endpointId, failures }, 'webhook endpoint disabled after repeated failure');
  }

  /** Forgets finished deliveries past the retention window (30 days); a daily job. */
  prune(): Promise<number> {
    return this.repo.prune(DELIVERY_RETENTION_DAYS);
  }

  /** Sends soon (after the current transaction commits), and once more a second later in case the commit was slow. */
  kick(): void {
    this.kicker.kick();
  }

  /** Wakes up when the earliest retry is due (within a minute; the scheduled job covers the rest). */
  private async scheduleNext(): Promise<void> {
    if (!this.isRunning()) return;
    const at = await this.repo.nextDueAt().catch(() => null);
    if (!at) return;
    const delay = Math.max(50, Math.min(60_000, at.getTime() - Date.now() + 20));
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimer = setTimeout(() => {
      this.dueTimer = null;
      this.deliverDue().catch((error) => this.log.warn({ err: error }, 'webhook delivery failed'));
    }, delay);
    this.dueTimer.unref();
  }
}
