// A local stand-in for Postmark's API at the network edge: a node:http server that the official
// `postmark` ServerClient talks to (server/email/sender.ts postmarkSender(token, from, new URL(url))).
// POST /email answers like Postmark (MessageID, ErrorCode 0), records what was accepted, checks
// the X-Postmark-Server-Token header and can fail chosen requests (HTTP 500, Postmark's 422
// errors such as 300 "invalid email request" and 406 "inactive recipient", or a dropped connection).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";

export interface PostmarkMessage {
  MessageID: string;
  From: string;
  To: string;
  Subject: string;
  TextBody?: string;
  HtmlBody?: string;
  Tag?: string;
  MessageStream?: string;
  Metadata?: Record<string, string>;
  SubmittedAt: string;
}

export interface PostmarkRequest {
  path: string;
  token: string | undefined;
  body: Record<string, unknown> | undefined;
  status: number;
  errorCode: number | undefined;
}

export type PostmarkFault = { status: number; errorCode: number; message: string } | "drop";

export interface PostmarkStandIn {
  url: string;
  token: string;
  /** Messages Postmark accepted, in order. */
  messages: PostmarkMessage[];
  /** Every request, accepted or not. */
  requests: PostmarkRequest[];
  /** Recipients that Postmark refuses with ErrorCode 406 (inactive: bounced or marked as spam). */
  inactiveRecipients: Set<string>;
  /** Milliseconds to wait before answering each request (to overlap concurrent senders). */
  delayMs: number;
  /** The next `times` requests to POST /email (optionally only those matching) fail with `fault`. */
  failNext(fault: PostmarkFault, options?: { times?: number; match?: (body: Record<string, unknown>) => boolean }): void;
  clearFailures(): void;
  stop(): Promise<void>;
}

export const POSTMARK_ERRORS = {
  serverError: { status: 500, errorCode: 0, message: "Internal server error" },
  invalidRequest: { status: 422, errorCode: 300, message: "Invalid email request" },
  inactiveRecipient: {
    status: 422,
    errorCode: 406,
    message: "You tried to send to a recipient that has been marked as inactive.",
  },
} as const;

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** "Name <a@b.c>" or "a@b.c". */
const address = (value: string) => value.match(/<([^>]+)>\s*$/)?.[1] ?? value.trim();

export async function startPostmarkStandIn(token = "pm-test-server-token"): Promise<PostmarkStandIn> {
  const messages: PostmarkMessage[] = [];
  const requests: PostmarkRequest[] = [];
  let failures: { fault: PostmarkFault; times: number; match?: (body: Record<string, unknown>) => boolean }[] = [];

  function reply(res: ServerResponse, record: PostmarkRequest, status: number, body: Record<string, unknown>) {
    record.status = status;
    record.errorCode = typeof body.ErrorCode === "number" ? body.ErrorCode : undefined;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }
  const error = (errorCode: number, message: string) => ({ ErrorCode: errorCode, Message: message });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (standIn.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, standIn.delayMs));
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const record: PostmarkRequest = {
      path,
      token: req.headers["x-postmark-server-token"] as string | undefined,
      body: undefined,
      status: 0,
      errorCode: undefined,
    };
    requests.push(record);
    if (req.method !== "POST" || path !== "/email") return reply(res, record, 404, error(404, "Not found"));
    if (!record.token) {
      return reply(
        res,
        record,
        401,
        error(
          10,
          "No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.",
        ),
      );
    }
    if (record.token !== token) {
      return reply(
        res,
        record,
        401,
        error(
          10,
          "The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.",
        ),
      );
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return reply(res, record, 422, error(402, "Received invalid JSON input."));
    }
    record.body = body;

    const index = failures.findIndex((f) => !f.match || f.match(body));
    if (index >= 0) {
      const failure = failures[index]!;
      failure.times -= 1;
      if (failure.times <= 0) failures.splice(index, 1);
      if (failure.fault === "drop") {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      return reply(res, record, failure.fault.status, error(failure.fault.errorCode, failure.fault.message));
    }

    const str = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : undefined);
    const from = str("From");
    const to = str("To");
    if (!from) return reply(res, record, 422, error(300, "Invalid 'From' address: ''."));
    if (!EMAIL.test(address(from))) return reply(res, record, 422, error(300, `Error parsing 'From': Illegal email address '${from}'.`));
    if (!to) return reply(res, record, 422, error(300, "Zero recipients specified"));
    const recipients = to.split(",").map(address);
    const illegal = recipients.find((r) => !EMAIL.test(r));
    if (illegal)
      return reply(res, record, 422, error(300, `Error parsing 'To': Illegal email address '${illegal}'. It must contain the '@' symbol.`));
    if (!str("TextBody") && !str("HtmlBody"))
      return reply(res, record, 422, error(300, "Provide either email TextBody or HtmlBody or both."));
    if (recipients.some((r) => standIn.inactiveRecipients.has(r.toLowerCase()))) {
      return reply(res, record, 422, error(406, POSTMARK_ERRORS.inactiveRecipient.message));
    }

    const message: PostmarkMessage = {
      MessageID: randomUUID(),
      From: from,
      To: to,
      Subject: str("Subject") ?? "",
      TextBody: str("TextBody"),
      HtmlBody: str("HtmlBody"),
      Tag: str("Tag"),
      MessageStream: str("MessageStream") ?? "outbound",
      Metadata: body.Metadata as Record<string, string> | undefined,
      SubmittedAt: new Date().toISOString(),
    };
    messages.push(message);
    return reply(res, record, 200, { To: to, SubmittedAt: message.SubmittedAt, MessageID: message.MessageID, ErrorCode: 0, Message: "OK" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(error(0, `stand-in failure: ${String(e)}`)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const standIn: PostmarkStandIn = {
    url: `http://127.0.0.1:${port}`,
    token,
    messages,
    requests,
    inactiveRecipients: new Set(),
    delayMs: 0,
    failNext(fault, options = {}) {
      failures.push({ fault, times: options.times ?? 1, ...(options.match ? { match: options.match } : {}) });
    },
    clearFailures() {
      failures = [];
    },
    stop() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}
