// The email outbox: an email is written in the same transaction as the change it announces,
// so it exists only if that change committed. A worker (email/worker.ts) delivers it.
import type { Prisma } from "../generated/prisma/client.ts";
import type { RenderedEmail } from "./templates.ts";

type Tx = Prisma.TransactionClient;

/**
 * Queues an email once per dedupeKey: replaying the same change never queues a second one.
 * Must run inside the transaction of the change it announces.
 */
export async function queueEmail(tx: Tx, to: string, dedupeKey: string, email: RenderedEmail): Promise<void> {
  await tx.emailMessage.upsert({
    where: { dedupeKey },
    create: { dedupeKey, to, subject: email.subject, textBody: email.text, tag: email.tag },
    update: {},
  });
}

/**
 * Withdraws queued emails that are no longer true (the reminder of a session since moved or
 * cancelled): those still PENDING whose dedupe key starts with one of `keyPrefixes` become
 * CANCELLED, which the worker never claims. Runs inside the transaction of the change that makes
 * them untrue, so they are withdrawn exactly when that change commits. An email the worker has
 * already claimed and is sending goes out all the same (the send is outside any transaction, and
 * its row then records SENT). Returns how many were withdrawn.
 */
export async function cancelQueuedEmails(tx: Tx, keyPrefixes: readonly string[]): Promise<number> {
  // The status index narrows this to the unsent rows, few since the worker keeps the outbox drained.
  const { count } = await tx.emailMessage.updateMany({
    where: { status: "PENDING", OR: keyPrefixes.map((prefix) => ({ dedupeKey: { startsWith: prefix } })) },
    data: { status: "CANCELLED" },
  });
  return count;
}
