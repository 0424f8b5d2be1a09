// Sends the webhook outbox. Each due delivery is claimed with FOR UPDATE SKIP LOCKED and a
// lease (nextAttemptAt pushed past the request's timeout), so workers on several instances
// never send it at the same time; a delivery is only claimed when no earlier delivery of the
// same subject (booking or payout) to the same endpoint is still pending, so an endpoint receives
// one booking's events in order. A failed attempt (no 2xx within the timeout, a refused address)
// is retried on RETRY_SCHEDULE_SECONDS, Standard Webhooks' suggested schedule: 8 attempts over
// about 27 hours. A delivery that fails them all is FAILED, its endpoint is disabled and its
// owner emailed (through the email outbox). Every attempt is logged (WebhookAttempt). Before each
// attempt the endpoint's right to the event is checked again (visibility.ts): a delivery whose
// key was revoked or expired, or whose partner grant was withdrawn, while it waited is WITHHELD
// with the reason, not sent, and counts as no failure of the endpoint. A crash
// after the receiver answered and before the result is written sends once more: receivers
// dedupe by `webhook-id`.
import http from "node:http";
import https from "node:https";
import type { Db } from "../db/client.ts";
import { queueEmail } from "../email/outbox.ts";
import { logger } from "../log.ts";
import { checkLiteralHost, ForbiddenAddressError, guardedLookup, type UrlPolicy } from "./address-guard.ts";
import { signatureHeaders } from "./signing.ts";
import { webhookBody, webhookIdOf } from "./outbox.ts";
import { endpointDisabledEmail } from "./webhook-emails.ts";
import { isWebhookEventType } from "./event-types.ts";
import { whyEndpointMayNotSee } from "./visibility.ts";

/** Delay before attempt 2, 3, ... 8 (seconds): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
export const REQUEST_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer the log keeps. */
export const RESPONSE_LOG_CHARS = 1024;
/** Requests in flight at once per worker run (different subjects or endpoints). */
const PARALLEL = 8;

export interface DeliveryOptions extends UrlPolicy {
  publicUrl: string;
  /** Retry delays in seconds; tests shorten them. Its length + 1 is the number of attempts. */
  retrySchedule?: readonly number[];
  timeoutMs?: number;
  /** Stop after this many attempts in one run. */
  limit?: number;
}

interface Claimed {
  id: string;
  endpointId: string;
  eventId: string;
  attempts: number;
}

async function claimNext(db: Db, leaseSeconds: number): Promise<Claimed | undefined> {
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" SET attempts = attempts + 1, "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds})
    WHERE id = (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" e ON e.id = d."endpointId" AND e."disabledAt" IS NULL
      WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= now()
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" p
          WHERE p."endpointId" = d."endpointId" AND p."subjectId" = d."subjectId" AND p.status = 'PENDING'
            AND (p."eventSeq" < d."eventSeq" OR (p."eventSeq" = d."eventSeq" AND p."createdAt" < d."createdAt")))
      ORDER BY d."eventSeq", d."createdAt" LIMIT 1 FOR UPDATE OF d SKIP LOCKED)
    RETURNING id, "endpointId", "eventId", attempts`;
  return rows[0];
}

export interface Answer {
  statusCode: number | null;
  body: string;
  error: string | null;
}

/** One POST, no redirects followed, to the address checked when it was resolved. */
export function post(
  urlText: string,
  headers: Record<string, string>,
  body: string,
  policy: UrlPolicy,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(urlText);
      checkLiteralHost(url, policy);
    } catch (error) {
      resolve({ statusCode: null, body: "", error: error instanceof Error ? error.message : String(error) });
      return;
    }
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Mentorship-Webhooks/1",
        },
        lookup: guardedLookup(policy),
        timeout: timeoutMs,
        agent: false,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < RESPONSE_LOG_CHARS) text += chunk;
          if (text.length >= RESPONSE_LOG_CHARS) response.destroy();
        });
        const done = () => resolve({ statusCode: response.statusCode ?? null, body: text.slice(0, RESPONSE_LOG_CHARS), error: null });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", (error) => resolve({ statusCode: null, body: "", error: error.message }));
    request.on("close", () => clearTimeout(deadline));
    request.end(body);
  });
}

async function attempt(db: Db, claimed: Claimed, options: DeliveryOptions): Promise<boolean> {
  const schedule = options.retrySchedule ?? RETRY_SCHEDULE_SECONDS;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: claimed.id },
    include: {
      event: true,
      endpoint: {
        include: {
          user: { select: { email: true, name: true, role: true } },
          apiKey: { select: { id: true, scopes: true, revokedAt: true, expiresAt: true } },
        },
      },
    },
  });
  const { endpoint, event } = delivery;
  const now = new Date();
  // A partner key's grant from this event's mentor, if any (only that one matters here).
  const grant =
    endpoint.apiKey && event.mentorId
      ? await db.partnerGrant.findUnique({
          where: { mentorId_apiKeyId: { mentorId: event.mentorId, apiKeyId: endpoint.apiKey.id } },
          select: { mentorId: true },
        })
      : null;
  const withheld = isWebhookEventType(event.type)
    ? whyEndpointMayNotSee(
        {
          userId: endpoint.userId,
          role: endpoint.user.role,
          apiKey: endpoint.apiKey && { ...endpoint.apiKey, grantedMentorIds: grant ? [grant.mentorId] : [] },
        },
        { type: event.type, mentorId: event.mentorId, mentorMaySee: event.mentorMaySee },
        now,
      )
    : "ACCESS_WITHDRAWN";
  if (withheld) {
    // Not sent, and not an attempt: the claim's count is given back.
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: "WITHHELD", withheldAt: now, withheldReason: withheld, attempts: { decrement: 1 } },
    });
    logger.info(
      { endpointId: endpoint.id, deliveryId: delivery.id, reason: withheld },
      `webhook delivery ${delivery.id} withheld: ${withheld}`,
    );
    return false;
  }
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now) secrets.push(endpoint.previousSecret);
  const body = webhookBody(event);
  const headers = signatureHeaders({ id: webhookIdOf(event.id), timestamp: now, body, secrets });
  const started = Date.now();
  const answer = await post(endpoint.url, headers, body, options, timeoutMs);
  const durationMs = Date.now() - started;
  const succeeded = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
  const error = succeeded ? null : (answer.error ?? `HTTP ${answer.statusCode}`);
  const exhausted = !succeeded && claimed.attempts > schedule.length;
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        endpointId: endpoint.id,
        number: claimed.attempts,
        startedAt: now,
        durationMs,
        statusCode: answer.statusCode,
        responseBody: answer.body,
        error: error?.slice(0, 1000) ?? null,
        succeeded,
      },
    });
    if (succeeded) {
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "SUCCEEDED", succeededAt: new Date() } });
    } else if (exhausted) {
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "FAILED", failedAt: new Date() } });
      const disabled = await tx.webhookEndpoint.updateMany({
        where: { id: endpoint.id, disabledAt: null },
        data: { disabledAt: new Date(), disabledReason: "FAILING" },
      });
      if (disabled.count === 1) {
        await queueEmail(
          tx,
          endpoint.user.email,
          `webhook-endpoint-disabled:${endpoint.id}:${delivery.id}`,
          endpointDisabledEmail({
            name: endpoint.user.name,
            url: endpoint.url,
            attempts: claimed.attempts,
            lastError: error ?? "",
            developersUrl: `${options.publicUrl}/developers`,
          }),
        );
      }
    } else {
      const delay = schedule[claimed.attempts - 1] ?? schedule[schedule.length - 1] ?? 0;
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: new Date(Date.now() + delay * 1000) } });
    }
  });
  if (exhausted) {
    logger.warn(
      { endpointId: endpoint.id, deliveryId: delivery.id, eventId: event.id, attempts: claimed.attempts },
      `webhook endpoint ${endpoint.id} disabled: delivery ${delivery.id} failed ${claimed.attempts} attempts (${error})`,
    );
  }
  if (answer.error && answer.statusCode === null && /not a public address/.test(answer.error)) {
    logger.warn({ endpointId: endpoint.id, deliveryId: delivery.id }, `webhook to a forbidden address refused: ${answer.error}`);
  }
  return succeeded;
}

export interface DeliveryReport {
  attempted: number;
  succeeded: number;
}

/** Sends what is due, PARALLEL at a time, until nothing is due or `limit` attempts were made. */
export async function deliverDueWebhooks(db: Db, options: DeliveryOptions): Promise<DeliveryReport> {
  const limit = options.limit ?? 200;
  const leaseSeconds = Math.ceil((options.timeoutMs ?? REQUEST_TIMEOUT_MS) / 1000) + 30;
  const report: DeliveryReport = { attempted: 0, succeeded: 0 };
  const lane = async () => {
    while (report.attempted < limit) {
      const claimed = await claimNext(db, leaseSeconds);
      if (!claimed) return;
      report.attempted += 1;
      if (await attempt(db, claimed, options)) report.succeeded += 1;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return report;
}

export { ForbiddenAddressError };
