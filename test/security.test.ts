// The app as an attacker meets it in production: NODE_ENV=production with Stripe keys (the SDK
// pointed at the local stand-in), over HTTP and graphql-ws from outside. Each refusal is checked
// together with the database: a refused request changes no row anywhere.
import { randomBytes } from "node:crypto";
import { getIntrospectionQuery } from "graphql";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startTestApp, subscribe, WEBHOOK_SECRET, type TestApp } from "./support/harness.ts";
import {
  ADMIN_VARS,
  OPS,
  PASSWORD,
  checkoutCompleted,
  marketplace,
  paidBooking,
  rawId,
  requestBooking,
  signUp,
} from "./support/fixtures.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { ConfigError, loadEnv } from "../server/env.ts";
import { MentorsDocument } from "../client/src/gql/graphql.ts";
import { bookingsDocument } from "./support/client-documents.ts";
import { print } from "graphql";

const ALLOWED_ORIGIN = "https://app.example.com";
let stripe: StripeStandIn;
let t: TestApp;
let m: Awaited<ReturnType<typeof marketplace>>;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  t = await startTestApp({
    socketSweepMs: 200,
    // The fixtures' own address, fresh each run (the limits live in Redis for an hour).
    headers: { "x-forwarded-for": `198.51.${randomBytes(2).join(".")}` },
    vars: {
      ...ADMIN_VARS,
      NODE_ENV: "production",
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      CORS_ORIGINS: ALLOWED_ORIGIN,
      // Every test below comes from its own address (X-Forwarded-For), so the production limits
      // apply to it alone; the harness's relaxed limits stay for the shared fixtures' address.
      TRUST_PROXY: "true",
      LOGIN_ATTEMPTS_PER_ACCOUNT: "10",
      LOGIN_ATTEMPTS_PER_ADDRESS: "100",
      SIGNUPS_PER_ADDRESS: "20",
    },
  });
  m = await marketplace(t);
});
afterAll(async () => {
  await t?.stop();
  await stripe?.stop();
});

const fingerprint = () => dbFingerprint(t.db);
const freshAddress = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}, 10.${randomBytes(3).join(".")}`;

async function post(body: string | FormData | URLSearchParams, headers: Record<string, string> = {}, path = "/graphql") {
  return fetch(`${t.url}${path}`, { method: "POST", headers, body });
}

async function gqlFrom(address: string, query: string, variables: Record<string, unknown>) {
  const response = await post(JSON.stringify({ query, variables }), { "content-type": "application/json", "x-forwarded-for": address });
  return (await response.json()) as { data: any; errors?: any[] };
}

describe("1. the payment and Connect simulators with Stripe keys", () => {
  it("are not served, and an anonymous POST cannot mark a booking paid", async () => {
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    const before = await fingerprint();
    const page = await fetch(`${t.url}/pay/${id}`);
    expect(await page.text()).not.toMatch(/simulator|Pay \$/i);
    const pay = await fetch(`${t.url}/pay/${id}`, { method: "POST", headers: { "content-length": "0" } });
    expect(pay.status).toBeGreaterThanOrEqual(400);
    const connect = await fetch(`${t.url}/connect/acct_sim_${"0".repeat(32)}`, { method: "POST", headers: { "content-length": "0" } });
    expect(connect.status).toBeGreaterThanOrEqual(400);
    expect(await fingerprint()).toEqual(before);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id } })).status).toBe("AWAITING_PAYMENT");
  });

  it("production refuses to start in simulator mode unless told it is a demo", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/ALLOW_DEMO_PAYMENTS_IN_PRODUCTION/);
    expect(loadEnv({ NODE_ENV: "production", ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true" }).stripe.mode).toBe("simulator");
    expect(loadEnv({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }).stripe.mode).toBe(
      "stripe",
    );
  });
});

describe("2. revoking a token", () => {
  it("closes its open subscriptions with 4403 at once, and nothing more is delivered", async () => {
    const { token } = await logIn(m.mentee.email);
    const ws = t.ws(token);
    await connected(ws);
    const closed = new Promise<number>((resolve) => ws.on("closed", (event) => resolve((event as { code: number }).code)));
    const feed = subscribe(ws, OPS.bookingChanged);
    await sleep(100);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    await feed.next(1);

    expect((await t.gql(`mutation { logOut { __typename } }`, {}, token)).errors).toBeUndefined();
    expect(await closed).toBe(4403);
    await t.webhook(checkoutCompleted(booking.id, m.priceCents));
    await sleep(300);
    expect(feed.events).toHaveLength(1);
    // The revoked token cannot open a new socket either.
    const again = t.ws(token);
    await expect(connected(again)).rejects.toThrow(/4401/);
  });

  it("closes sockets whose token was revoked elsewhere or expired, on the next check", async () => {
    const { token, tokenId } = await logIn(m.mentor.email);
    const ws = t.ws(token);
    await connected(ws);
    const closed = new Promise<number>((resolve) => ws.on("closed", (event) => resolve((event as { code: number }).code)));
    await t.db.authToken.update({ where: { id: tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await closed).toBe(4403);
  });
});

describe("3. refusals about bookings the caller may not see", () => {
  it("say only NOT_FOUND, for an unpaid request even to its own mentor", async () => {
    const other = await marketplace(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const before = await fingerprint();
    const links = { id: booking.id, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" };
    for (const token of [m.mentor.token, other.mentor.token, other.mentee.token]) {
      for (const [op, vars] of [
        [OPS.addBookingLinks, links],
        [OPS.confirmBooking, { id: booking.id }],
        [OPS.declineBooking, { id: booking.id }],
        [OPS.completeBooking, { id: booking.id }],
        [OPS.cancelBooking, { id: booking.id }],
      ] as const) {
        const result = await t.gql(op, vars, token);
        const answer = Object.values(result.data)[0] as Record<string, unknown>;
        expect(answer).toEqual({ __typename: "NotFoundError", message: "Booking not found.", code: "NOT_FOUND" });
      }
      expect((await t.gql(OPS.booking, { id: booking.id }, token)).data.booking).toBeNull();
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("a booking shows its session type to the mentee only while it is still offered", async () => {
    const bookingId = await paidBooking(t, m);
    const query = `query($id: ID!) { booking(id: $id) { title sessionType { id title active } } }`;
    expect((await t.gql(query, { id: bookingId }, m.mentee.token)).data.booking.sessionType).toMatchObject({ active: true });
    const created = await t.gql(OPS.createSessionType, { title: "Retired talk", durationMinutes: 30, priceCents: 2500 }, m.mentor.token);
    const typeId = created.data.createSessionType.sessionType.id;
    const { booking } = await requestBooking(t, m.mentee.token, typeId);
    await t.webhook(checkoutCompleted(booking.id, 2500));
    await t.gql(`mutation($id: ID!) { archiveSessionType(id: $id) { __typename } }`, { id: typeId }, m.mentor.token);
    const asMentee = (await t.gql(query, { id: booking.id }, m.mentee.token)).data.booking;
    expect(asMentee).toEqual({ title: "Retired talk", sessionType: null });
    const asMentor = (await t.gql(query, { id: booking.id }, m.mentor.token)).data.booking;
    expect(asMentor.sessionType).toMatchObject({ title: "Retired talk", active: false });
  });
});

describe("4. malformed URLs", () => {
  it.each(["/%ff", "/bookings/%E0%A4%A", "/graphql/%c0", "/webhooks/%"])("%s answers 400 without internals", async (path) => {
    const before = await fingerprint();
    const response = await fetch(`${t.url}${path}`, {
      method: path.startsWith("/webhooks") ? "POST" : "GET",
      headers: { "content-length": "0" },
    });
    expect(response.status).toBe(400);
    expect(await fingerprint()).toEqual(before);
    const body = await response.text();
    expect(body).not.toMatch(/\bat \w|node_modules|\/work\/|\.ts:\d|Error:/);
  });

  it("malformed GET parameters answer 400 with a GraphQL error body", async () => {
    for (const query of ["variables=%7Bnot-json", "extensions=%5B", "variables=%22a%22", "extensions=1"]) {
      const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ viewer { id } }")}&${query}`, {
        headers: { accept: "application/json", "x-graphql-yoga-csrf": "1" },
      });
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message).not.toMatch(/Unexpected error/);
    }
  });
});

describe("5. list inputs", () => {
  const bookingsByStatus = `query($statuses: [BookingStatus!]) { bookings(first: 5, status: $statuses) { totalCount } }`;

  it("a list over 100 items gets a typed error naming it, at once", async () => {
    const before = await fingerprint();
    const started = Date.now();
    const result = await t.gql(bookingsByStatus, { statuses: Array(101).fill("PENDING") }, m.mentee.token);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "INVALID_INPUT", field: "statuses", rule: "max_items" } });
    expect(Date.now() - started).toBeLessThan(2000);
    const literal = `{ bookings(first: 5, status: [${Array(101).fill("PENDING").join(",")}]) { totalCount } }`;
    expect((await t.gql(literal, {}, m.mentee.token)).errors?.[0]).toMatchObject({
      extensions: { code: "INVALID_INPUT", rule: "max_items" },
    });
    expect(await fingerprint()).toEqual(before);
  });

  it("a POST of unknown length is refused (411), so no body goes unbounded", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${t.url}/graphql`,
        { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(JSON.stringify({ query: "{ viewer { id } }" }));
      req.end();
    });
    expect(status).toBe(411);
  });

  it("a 100,000-item list is refused before it is read (413)", async () => {
    const body = JSON.stringify({ query: bookingsByStatus, variables: { statuses: Array(100_000).fill("PENDING") } });
    const response = await post(body, { "content-type": "application/json", authorization: `Bearer ${m.mentee.token}` });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("6. query cost", () => {
  it("refuses many aliased pages of mentors with their session types, before running anything", async () => {
    const aliases = Array.from(
      { length: 10 },
      (_, i) => `m${i}: mentors(first: 100) { edges { node { id name sessionTypes { id title price { formatted } } } } }`,
    );
    const result = await t.gql(`{ ${aliases.join("\n")} }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "COST_LIMIT_EXCEEDED" } });
    // A costly mutation is refused the same way, before it runs: nothing changes.
    const before = await fingerprint();
    const nested = "sessionType { mentor { sessionTypes { mentor { sessionTypes { mentor { sessionTypes { id } } } } } } }";
    const creations = Array.from(
      { length: 10 },
      (_, i) =>
        `c${i}: createSessionType(title: "T${i}", durationMinutes: 30, priceCents: 1000) { ... on CreateSessionTypeSuccess { ${nested} } }`,
    );
    const refused = await t.gql(`mutation { ${creations.join(" ")} }`, {}, m.mentor.token);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "COST_LIMIT_EXCEEDED" } });
    expect(await fingerprint()).toEqual(before);
  });

  it("costs each request by its own variables: the same document is refused at 100 per page and answered at 1, in any order", async () => {
    // Validation results are cached per document; a cost judged there would lock every caller out
    // of a document after one costly request, or let a costly one through after a cheap one.
    const pages = Array.from({ length: 10 }, (_, i) => `m${i}: mentors(first: $n) { edges { node { id sessionTypes { id title } } } }`);
    const document = `query ($n: Int!) { ${pages.join("\n")} }`;
    for (const n of [100, 1, 100, 1]) {
      const result = await t.gql(document, { n });
      if (n === 100) expect(result.errors?.[0]).toMatchObject({ extensions: { code: "COST_LIMIT_EXCEEDED" } });
      else expect([result.errors, Array.isArray(result.data?.m0?.edges)]).toEqual([undefined, true]);
    }
  });

  it("refuses more than 15 aliases (105 earnings.monthly ran 210 statements)", async () => {
    const aliases = Array.from({ length: 105 }, (_, i) => `e${i}: earnings { monthly(months: 120) { month } }`);
    const result = await t.gql(`{ ${aliases.join("\n")} }`, {}, m.mentor.token);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it("applies the same limits over graphql-ws", async () => {
    const ws = t.ws(m.mentee.token);
    await connected(ws);
    const aliases = Array.from({ length: 10 }, (_, i) => `m${i}: mentors(first: 100) { edges { node { id sessionTypes { id title } } } }`);
    const costly = subscribe(ws, `{ ${aliases.join("\n")} }`);
    const long = subscribe(ws, `query($s: [BookingStatus!]) { bookings(first: 1, status: $s) { totalCount } }`, {
      s: Array(101).fill("PENDING"),
    });
    await sleep(300);
    expect(JSON.stringify(costly.error ?? costly.events)).toMatch(/COST_LIMIT_EXCEEDED|costs too much/);
    expect(JSON.stringify(long.error ?? long.events)).toMatch(/at most 100 items/);
  });

  it("lets the standard introspection query and the client's own pages through", async () => {
    const introspection = await t.gql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.queryType.name).toBe("Query");
    const bookings = await t.gql(bookingsDocument(), { first: 50 }, m.mentor.token);
    expect(bookings.errors).toBeUndefined();
    const mentors = await t.gql(print(MentorsDocument), { first: 50 });
    expect(mentors.errors).toBeUndefined();
  });
});

describe("7. CORS and security headers", () => {
  it("answers a preflight only for an allowed origin, never with credentials", async () => {
    const before = await fingerprint();
    const preflight = (origin: string) =>
      fetch(`${t.url}/graphql`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
      });
    const evil = await preflight("https://evil.example");
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const good = await preflight(ALLOWED_ORIGIN);
    expect(good.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(good.headers.get("access-control-allow-credentials")).not.toBe("true");
    const simple = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ viewer { id } }" }),
    });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    expect(simple.headers.get("access-control-allow-credentials")).toBeNull();
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses a WebSocket opened by a page of another origin", async () => {
    const socket = new WebSocket(`${t.url.replace("http", "ws")}/graphql`, "graphql-transport-ws", { origin: "https://evil.example" });
    const outcome = await new Promise<string>((resolve) => {
      socket.on("open", () => resolve("open"));
      socket.on("unexpected-response", (_req, res) => resolve(`http ${res.statusCode}`));
      socket.on("error", () => resolve("error"));
    });
    socket.terminate();
    expect(outcome).not.toBe("open");
  });

  it("sends the security headers on pages and API answers", async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers.get("content-security-policy")).not.toMatch(/script-src[^;]*unsafe/);
    const api = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ viewer { id } }" }),
    });
    for (const response of [page, api]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
    expect(api.headers.get("cache-control")).toBe("no-store");
  });
});

describe("8. CSRF", () => {
  it("never executes a mutation sent as a form, multipart or text/plain POST", async () => {
    const { token } = await logIn(m.mentee.email);
    const mutation = `mutation { logOut { __typename } }`;
    const before = await fingerprint();
    const form = new URLSearchParams({ query: mutation });
    const multipart = new FormData();
    multipart.set("operations", JSON.stringify({ query: mutation }));
    multipart.set("map", "{}");
    const answers = [
      await post(form, { authorization: `Bearer ${token}` }),
      await post(multipart, { authorization: `Bearer ${token}` }),
      await post(JSON.stringify({ query: mutation }), { "content-type": "text/plain", authorization: `Bearer ${token}` }),
    ];
    for (const answer of answers) expect(answer.status).toBe(403);
    expect(await fingerprint()).toEqual(before);
    // The token still works: logOut never ran.
    expect((await t.gql(`{ viewer { id } }`, {}, token)).data.viewer).not.toBeNull();
  });
});

describe("9. sign-in and sign-up limits", () => {
  it("refuses an account after 10 failed attempts, even with the right password, saying when to retry", async () => {
    const victim = await signUp(t, "MENTEE");
    const addresses = Array.from({ length: 12 }, freshAddress);
    const wrong = await Promise.all(
      addresses.slice(0, 10).map((address) => gqlFrom(address, OPS.logIn, { email: victim.email, password: "wrong password 1" })),
    );
    for (const result of wrong) expect(result.data.logIn.__typename).toBe("InvalidCredentialsError");
    const before = await fingerprint();
    const refused = await gqlFrom(
      addresses[10]!,
      `mutation($email: String!, $password: String!) {
      logIn(email: $email, password: $password) { __typename ... on RateLimitedError { code message retryAfterSeconds retryAt } } }`,
      { email: victim.email, password: PASSWORD },
    );
    expect(refused.data.logIn).toMatchObject({ __typename: "RateLimitedError", code: "RATE_LIMITED" });
    expect(refused.data.logIn.retryAfterSeconds).toBeGreaterThan(60);
    expect(refused.data.logIn.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(refused.data.logIn.message).toMatch(/Try again in \d+ minutes/);
    expect(await fingerprint()).toEqual(before); // no token issued
  });

  it("limits attempts per address across accounts, and sign-ups per address", async () => {
    const address = freshAddress();
    const results = [];
    for (let i = 0; i < 101; i++) {
      results.push(await gqlFrom(address, OPS.logIn, { email: `nobody${i}@example.com`, password: "wrong password 1" }));
    }
    expect(results.slice(0, 100).every((r) => r.data.logIn.__typename === "InvalidCredentialsError")).toBe(true);
    expect(results[100]!.data.logIn.__typename).toBe("RateLimitedError");

    const signUpFrom = freshAddress();
    const answers = [];
    for (let i = 0; i < 21; i++) {
      answers.push(
        await gqlFrom(signUpFrom, OPS.signUp, {
          email: `new${i}.${randomBytes(3).toString("hex")}@example.com`,
          password: PASSWORD,
          name: "New",
          role: "MENTEE",
        }),
      );
    }
    expect(answers.slice(0, 20).every((r) => r.data.signUp.__typename === "SignUpSuccess")).toBe(true);
    const before = await fingerprint();
    const refused = await gqlFrom(signUpFrom, OPS.signUp, { email: `late@example.com`, password: PASSWORD, name: "Late", role: "MENTEE" });
    expect(refused.data.signUp.__typename).toBe("RateLimitedError");
    expect(await fingerprint()).toEqual(before);
  });
});

async function logIn(email: string) {
  const result = await gqlFrom(freshAddress(), OPS.logIn, { email, password: PASSWORD });
  expect(result.data.logIn.__typename).toBe("LogInSuccess");
  const token = result.data.logIn.token as string;
  const row = await t.db.authToken.findFirstOrThrow({ where: { user: { email } }, orderBy: { createdAt: "desc" } });
  return { token, tokenId: row.id };
}
