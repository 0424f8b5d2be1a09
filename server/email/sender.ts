// Delivers one email: through Postmark's official SDK when POSTMARK_SERVER_TOKEN is set,
// else it is logged (and stays readable in the database outbox).
import * as postmark from "postmark";
import { logger } from "../log.ts";

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  textBody: string;
  tag: string;
}

export interface EmailSender {
  readonly kind: "postmark" | "log";
  /** Returns the provider's message id. Throws PermanentSendError when a retry cannot help. */
  send(email: OutgoingEmail): Promise<string>;
}

/** The provider refused this message for good (a bad or inactive recipient): do not retry it. */
export class PermanentSendError extends Error {
  override name = "PermanentSendError";
}

/**
 * Longest a send may take. It must stay below the worker's claim lease (worker.ts), or a
 * second worker could claim and send a row whose first send is still in flight.
 */
export const SEND_TIMEOUT_SECONDS = 20;

/** Postmark's per-message refusals (HTTP 422): 300 invalid email request, 406 inactive recipient. */
const PERMANENT_ERROR_CODES = new Set([300, 406]);

export function postmarkSender(token: string, from: string, apiUrl?: URL): EmailSender {
  const client = new postmark.ServerClient(token, {
    timeout: SEND_TIMEOUT_SECONDS,
    ...(apiUrl ? { requestHost: `${apiUrl.host}${apiUrl.pathname.replace(/\/+$/, "")}`, useHttps: apiUrl.protocol === "https:" } : {}),
  });
  return {
    kind: "postmark",
    async send(email) {
      let result: Awaited<ReturnType<typeof client.sendEmail>>;
      try {
        result = await client.sendEmail({
          From: from,
          To: email.to,
          Subject: email.subject,
          TextBody: email.textBody,
          Tag: email.tag,
          MessageStream: "outbound",
          Metadata: { outboxId: email.id },
        });
      } catch (error) {
        if (error instanceof postmark.Errors.PostmarkError) {
          const detail = `Postmark ${error.statusCode || "network"} error ${error.code}: ${error.message}`;
          if (error.statusCode === 422 && PERMANENT_ERROR_CODES.has(error.code)) throw new PermanentSendError(detail);
          throw new Error(detail);
        }
        throw error;
      }
      if (result.ErrorCode !== 0 || !result.MessageID) {
        throw new Error(`Postmark error ${result.ErrorCode}: ${result.Message}`);
      }
      return result.MessageID;
    },
  };
}

export function logSender(write: (line: string) => void = (line) => logger.info(line)): EmailSender {
  return {
    kind: "log",
    async send(email) {
      write(`email to ${email.to}: ${email.subject}`);
      return `logged-${email.id}`;
    },
  };
}
