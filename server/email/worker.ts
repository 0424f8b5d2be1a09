// Delivers queued emails. Each row is claimed with FOR UPDATE SKIP LOCKED right before it is
// sent, so several workers (or instances) never send the same row; a failure is retried with a
// backoff (30 s doubling, at most an hour apart) for GIVE_UP_AFTER_MS (5 days) after the email
// was queued, so a Postmark outage of hours or days delays mail but loses none. A permanent
// refusal, or an email still failing after that, is marked FAILED, never dropped silently: it
// is logged as `EMAIL FAILED: ...` (one line, for alerting) and listed to admins (query
// failedEmails). A crash after Postmark accepted a message and before SENT is written sends it
// at most once more (the claim's lease runs out, the next worker sends it again).
import type { Db } from "../db/client.ts";
import { PermanentSendError, SEND_TIMEOUT_SECONDS, type EmailSender } from "./sender.ts";
import { logger, errorFields } from "../log.ts";

/** Delay before the second attempt; it doubles with each attempt up to RETRY_MAX_SECONDS. */
export const RETRY_BASE_SECONDS = 30;
/** The longest wait between two attempts: a long outage is retried hourly. */
export const RETRY_MAX_SECONDS = 3600;
/** An email that still cannot be sent this long after it was queued is given up (FAILED). */
export const GIVE_UP_AFTER_MS = 5 * 24 * 3600_000;
// The claim pushes nextAttemptAt forward by at least RETRY_BASE_SECONDS: that is the lease
// during which no other worker takes the row, so a send must end well within it.
if (SEND_TIMEOUT_SECONDS >= RETRY_BASE_SECONDS) throw new Error("email send timeout must be shorter than the claim lease");

interface ClaimedRow {
  id: string;
  to: string;
  subject: string;
  textBody: string;
  tag: string;
  attempts: number;
  dedupeKey: string;
  createdAt: Date;
}

/**
 * Claims the oldest due row, one at a time (a claimed batch sent one by one would let the
 * lease of its last rows run out while the first ones are still being sent).
 */
async function claimNext(db: Db): Promise<ClaimedRow | undefined> {
  // Claiming pushes nextAttemptAt forward, so a crash mid-send retries later instead of never.
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "EmailMessage" SET attempts = attempts + 1,
      "nextAttemptAt" = now() + make_interval(secs => LEAST(${RETRY_MAX_SECONDS}, ${RETRY_BASE_SECONDS} * power(2, LEAST(attempts, 10))))
    WHERE id = (
      SELECT id FROM "EmailMessage"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, "to", subject, "textBody", tag, attempts, "dedupeKey", "createdAt"`;
  return rows[0];
}

/** Sends what is due (at most `limit` rows); returns how many were sent. */
export async function deliverDueEmails(db: Db, sender: EmailSender, limit = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i += 1) {
    const row = await claimNext(db);
    if (!row) break;
    let providerMessageId: string;
    try {
      providerMessageId = await sender.send(row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = error instanceof PermanentSendError || Date.now() - new Date(row.createdAt).getTime() >= GIVE_UP_AFTER_MS;
      await db.emailMessage.update({
        where: { id: row.id },
        data: { lastError: message.slice(0, 1000), ...(failed ? { status: "FAILED", failedAt: new Date() } : {}) },
      });
      if (failed) {
        logger.alert(
          {
            emailId: row.id,
            dedupeKey: row.dedupeKey,
            to: row.to,
            attempts: row.attempts,
            queuedAt: new Date(row.createdAt).toISOString(),
          },
          `EMAIL FAILED: email ${row.id} (${row.dedupeKey}) to ${row.to} given up after ${row.attempts} attempt(s), queued ${new Date(row.createdAt).toISOString()}: ${message.slice(0, 300)}`,
        );
      }
      continue;
    }
    // Stored at once: a crash between the send and this write is the only way to send twice.
    await db.emailMessage.update({
      where: { id: row.id },
      data: { status: "SENT", sentAt: new Date(), providerMessageId, lastError: null },
    });
    sent += 1;
  }
  return sent;
}

/** Polls the outbox until stopped; `kick()` delivers right away (after a commit that queued mail). */
export function startEmailWorker(db: Db, sender: EmailSender, intervalMs = 2000) {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return running;
    running = running.then(() => deliverDueEmails(db, sender)).catch((error) => logger.error(errorFields(error), "email worker failed"));
    return running;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
