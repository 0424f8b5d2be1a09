// A realistic mix against the app at a fixed rate (open loop: requests start on schedule
// whether or not earlier ones finished, as independent users do), while idle authenticated
// sockets stay subscribed to their bookings' changes as the client's pages do. The client's
// own documents: the dashboard (mentors and mentees), a booking, earnings, the mentors list, and
// a few mutations (requestBooking, confirmBooking, signUp). Every failure is sorted by what the
// caller saw: a typed error (code), a 503 with Retry-After, or anything else ("masked": an
// unexpected error the caller cannot act on, which must not happen).
import { print } from "graphql";
import { encodeGlobalID } from "@pothos/plugin-relay";
import {
  BookingDocument,
  BookingChangedDocument,
  EarningsDocument,
  MentorsDocument,
  RequestBookingDocument,
  SignUpDocument,
} from "../../client/src/gql/graphql.ts";
import { closeSubscribers, drive, httpClient, openSubscribers, percentile, type BenchServer, type Run, type ServerStats } from "./load.ts";
import { seedUuid, type Seeded } from "./seed.ts";
import { bookingsDocument } from "../support/client-documents.ts";

/** A request not answered within this is counted as failed (a client gives up). */
const TIMEOUT_MS = 10_000;

export interface Operation {
  name: string;
  weight: number;
  request(i: number): { body: string; token?: string };
}

export interface MixResult {
  run: Run;
  byOperation: Record<string, { count: number; p50Ms: number | null; p95Ms: number | null; errors: number }>;
  failures: Record<string, number>;
  /** The server's figures around the driven requests only (the sockets were open before). */
  server: { before: ServerStats; after: ServerStats };
}

/** The mix's operations, with the client's own documents, for the seeded users. */
export function mixOperations(seeded: Seeded): Operation[] {
  const body = (document: Parameters<typeof print>[0], variables: Record<string, unknown>) =>
    JSON.stringify({ query: print(document), variables });
  // Mentee 0's own bookings: the mentee reads each of them (none of them answers null).
  const bookingIds = seeded.menteeBookingNumbers;
  const mentees = seeded.menteeTokens.length > 0 ? seeded.menteeTokens : [seeded.mentee.token];
  const mentors = seeded.mentorTokens.length > 0 ? seeded.mentorTokens : [seeded.mentor.token];
  const run = `${Date.now().toString(36)}${process.pid}`;
  return [
    {
      name: "dashboard (mentor)",
      weight: 25,
      request: (i) => ({
        body: JSON.stringify({ query: bookingsDocument(), variables: { status: null, first: 20 } }),
        token: mentors[i % mentors.length],
      }),
    },
    {
      name: "dashboard (mentee)",
      weight: 15,
      request: (i) => ({
        body: JSON.stringify({ query: bookingsDocument(), variables: { status: null, first: 20 } }),
        token: mentees[i % mentees.length],
      }),
    },
    {
      name: "booking",
      weight: 15,
      request: (i) => ({
        body: body(BookingDocument, { id: encodeGlobalID("Booking", seededBookingId(bookingIds[i % bookingIds.length]!)) }),
        token: seeded.mentee.token,
      }),
    },
    {
      name: "earnings (mentor)",
      weight: 15,
      request: (i) => ({ body: body(EarningsDocument, { payoutsFirst: 10 }), token: mentors[i % mentors.length] }),
    },
    { name: "mentors", weight: 20, request: () => ({ body: body(MentorsDocument, { first: 20 }) }) },
    {
      name: "requestBooking",
      weight: 8,
      request: (i) => ({
        body: body(RequestBookingDocument, {
          sessionTypeId: encodeGlobalID("SessionType", seeded.sessionTypeIds[i % seeded.sessionTypeIds.length]!),
          message: "Hello from the bench",
        }),
        token: mentees[i % mentees.length],
      }),
    },
    {
      name: "signUp",
      weight: 2,
      request: (i) => ({
        body: body(SignUpDocument, {
          email: `bench.${run}.${i}@example.com`,
          password: "correct horse battery staple",
          name: `Bench ${i}`,
          role: "MENTEE",
        }),
      }),
    },
  ];
}

export async function runMix(
  server: BenchServer,
  seeded: Seeded,
  options: { seconds: number; rate: number; sockets: number; page: number },
): Promise<MixResult> {
  const operations = mixOperations(seeded);
  const mentees = seeded.menteeTokens.length > 0 ? seeded.menteeTokens : [seeded.mentee.token];
  const total = operations.reduce((sum, o) => sum + o.weight, 0);
  const pick = (i: number) => {
    // A fixed, well-mixed order: the golden ratio walk over the weights.
    let x = ((i * 0.6180339887) % 1) * total;
    for (const operation of operations) {
      x -= operation.weight;
      if (x < 0) return operation;
    }
    return operations[0]!;
  };

  const subscribers = await openSubscribers(server.url, options.sockets, mentees, print(BookingChangedDocument));
  const client = httpClient(server.url, 256);
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const failures: Record<string, number> = {};
  const fail = (kind: string) => {
    failures[kind] = (failures[kind] ?? 0) + 1;
    return false;
  };
  const before = await server.stats();
  const result = await drive(
    options.seconds,
    0,
    async (i) => {
      const operation = pick(i);
      const { body: payload, token } = operation.request(i);
      const started = performance.now();
      let ok = true;
      try {
        const response = await Promise.race([
          client.post("/graphql", payload, token ? { authorization: `Bearer ${token}` } : {}),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref()),
        ]);
        if (response.status === 503) ok = fail(response.headers["retry-after"] ? "503 with Retry-After" : "503 without Retry-After");
        else {
          const json = JSON.parse(response.body) as {
            data?: Record<string, { __typename?: string } | null>;
            errors?: { extensions?: { code?: string } }[];
          };
          if (json.errors?.length) {
            const code = json.errors[0]!.extensions?.code;
            ok = fail(code && code !== "INTERNAL_SERVER_ERROR" ? `typed: ${code}` : `masked (HTTP ${response.status})`);
          } else {
            const answer = Object.values(json.data ?? {})[0];
            // Every read in the mix asks for something that exists and is the caller's.
            if (answer === null || answer === undefined) ok = fail("null answer");
            else if (answer.__typename?.endsWith("Error")) ok = fail(`typed: ${answer.__typename}`);
          }
        }
      } catch (error) {
        ok = fail(`transport: ${(error as Error).message}`);
      }
      const list = latencies.get(operation.name) ?? [];
      list.push(performance.now() - started);
      latencies.set(operation.name, list);
      if (!ok) errors.set(operation.name, (errors.get(operation.name) ?? 0) + 1);
      return ok;
    },
    options.rate,
  );
  const after = await server.stats();
  client.close();
  const dropped = subscribers.filter((s) => s.socket.readyState !== s.socket.OPEN).length;
  if (dropped > 0) failures["idle sockets closed"] = dropped;
  await closeSubscribers(subscribers);
  const byOperation: MixResult["byOperation"] = {};
  for (const [name, list] of latencies) {
    list.sort((a, b) => a - b);
    byOperation[name] = {
      count: list.length,
      p50Ms: round(percentile(list, 50)),
      p95Ms: round(percentile(list, 95)),
      errors: errors.get(name) ?? 0,
    };
  }
  return { run: result, byOperation, failures, server: { before, after } };
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

const seededBookingId = (i: number) => seedUuid("booking", i);
