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
