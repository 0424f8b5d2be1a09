// A partner's webhook receiver on 127.0.0.1: verifies every delivery with the official
// `standardwebhooks` package (with any of the secrets it knows, for rotations), records what
// it received, and can be told to fail.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  type: string;
  subjectId: string;
  body: string;
  headers: Record<string, string>;
  /** Which of the known secrets verified it (indexes into `secrets`). */
  verifiedWith: number[];
}

export interface Receiver {
  url: string;
  /** Everything that was answered 2xx, in arrival order, duplicates included. */
  accepted: Received[];
  /** Requests that failed verification (must stay empty). */
  unverified: string[];
  /** Requests answered with an error on purpose. */
  refused: number;
  secrets: string[];
  /**
   * "ok"; "fail": always 500; "hang": never answers (the request stays open until the sender gives
   * up); a number p: 500 with probability p, at most `maxFailuresPerId` times per webhook-id.
   */
  mode: "ok" | "fail" | "hang" | number;
  /** Requests left unanswered ("hang"). */
  hung: number;
  maxFailuresPerId: number;
  stop(): Promise<void>;
}

const subjectOf = (data: any): string => data?.booking?.id ?? data?.refund?.bookingId ?? data?.payout?.id ?? "";

export async function startReceiver(secrets: string[] = []): Promise<Receiver> {
  const failures = new Map<string, number>();
  const receiver = {
    accepted: [] as Received[],
    unverified: [] as string[],
    refused: 0,
    hung: 0,
    secrets,
    mode: "ok" as Receiver["mode"],
    maxFailuresPerId: 5,
  } as Receiver;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      const verifiedWith = receiver.secrets.flatMap((secret, index) => {
        try {
          new Webhook(secret).verify(body, headers);
          return [index];
        } catch {
          return [];
        }
      });
      if (verifiedWith.length === 0) {
        receiver.unverified.push(body);
        response.writeHead(400).end("bad signature");
        return;
      }
      if (receiver.mode === "hang") {
        receiver.hung += 1;
        return;
      }
      const id = headers["webhook-id"]!;
      const failed = failures.get(id) ?? 0;
      const fail =
        receiver.mode === "fail" ||
        (typeof receiver.mode === "number" && failed < receiver.maxFailuresPerId && Math.random() < receiver.mode);
      if (fail) {
        failures.set(id, failed + 1);
        receiver.refused += 1;
        response.writeHead(500, { "content-type": "text/plain" }).end(`temporarily broken ${"x".repeat(3000)}`);
        return;
      }
      const parsed = JSON.parse(body) as { type: string; data: unknown };
      receiver.accepted.push({ id, type: parsed.type, subjectId: subjectOf(parsed.data), body, headers, verifiedWith });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/** The first arrival of each webhook-id, in arrival order: what a receiver that dedupes keeps. */
export function deduped(received: Received[]): Received[] {
  const seen = new Set<string>();
  return received.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}
