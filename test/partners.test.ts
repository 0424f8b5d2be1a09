// The API as a partner app meets it: API keys with scopes over HTTP and graphql-ws, clear 401s
// for bad credentials, and a budget of cost points per caller (docs/partners.md).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, marketplace, paidBooking, rawId, signUp } from "./support/fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { publishViewerChange } from "../server/pubsub.ts";

let t: TestApp;
let m: Awaited<ReturnType<typeof marketplace>>;

beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS, socketSweepMs: 200 });
  m = await marketplace(t);
});
afterAll(() => t?.stop());

const CREATE_KEY = `mutation($name: String!, $scopes: [ApiScope!]!, $expiresAt: DateTime) {
  createApiKey(name: $name, scopes: $scopes, expiresAt: $expiresAt) {
    __typename
    ... on CreateApiKeySuccess { secret apiKey { id name prefix scopes partner lastUsedAt revokedAt } }
    ... on Error { code message }
    ... on ValidationError { field rule }
  }
}`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) { __typename ... on RevokeApiKeySuccess { apiKey { id revokedAt } } ... on Error { code } } }`;
const BOOKINGS = `{ bookings(first: 10) { totalCount edges { node { id status message mentee { name email } } } } }`;
const EARNINGS = `{ earnings { balance { amountCents } } }`;
const LINKS = { availabilityLink: "https://cal.example.com/a", meetingLink: "https://meet.example.com/a" };

async function createKey(token: string, scopes: string[], name = "Partner app", expiresAt?: string) {
  const result = await t.gql(CREATE_KEY, { name, scopes, expiresAt }, token);
  expect(result.errors).toBeUndefined();
  return result.data.createApiKey as {
    __typename: string;
    secret: string;
    apiKey: { id: string; prefix: string; scopes: string[]; partner: boolean };
    code?: string;
    field?: string;
    rule?: string;
  };
}

/** A raw HTTP call, for the status and headers. */
async function call(query: string, variables: Record<string, unknown> = {}, credential?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers, ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: any; errors?: any[]; extensions?: any },
  };
}

describe("API keys", () => {
  it("a key with bookings:read only reads the mentor's bookings and is refused writes and earnings with typed errors", async () => {
    const bookingId = await paidBooking(t, m);
    const key = await createKey(m.mentor.token, ["BOOKINGS_READ"]);
    expect(key.__typename).toBe("CreateApiKeySuccess");
    expect(key.secret.startsWith(key.apiKey.prefix)).toBe(true);
    expect(key.apiKey).toMatchObject({ scopes: ["BOOKINGS_READ"], partner: false });
    // Only the hash is stored.
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: rawId(key.apiKey.id) } });
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(key.apiKey.prefix.length));

    const read = await call(BOOKINGS, {}, key.secret);
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.bookings.edges.map((e: any) => e.node.id)).toEqual([bookingId]);
    // The mentee's email is not the mentor's to see, with a key or without.
    expect(read.body.data.bookings.edges[0].node.mentee.email).toBeNull();

    const before = await dbFingerprint(t.db);
    const confirm = await call(OPS.confirmBooking, { id: bookingId }, key.secret);
    expect(confirm.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "bookings:write" });
    expect(confirm.body.data).toBeNull();
    const earnings = await call(EARNINGS, {}, key.secret);
    expect(earnings.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "earnings:read" });
    expect(earnings.body.data.earnings).toBeNull();
    const catalogue = await call(`{ mentors(first: 5) { edges { node { id } } } }`, {}, key.secret);
    expect(catalogue.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "catalog:read" });
    // A key cannot make keys, nor act as its owner's session.
    const nested = await call(CREATE_KEY, { name: "child", scopes: ["BOOKINGS_WRITE"] }, key.secret);
    expect(nested.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "session" });
    const archive = await call(`mutation { logOut { __typename } }`, {}, key.secret);
    expect(archive.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(await dbFingerprint(t.db)).toEqual(before);

    // The booking is confirmed still by its mentor's session; lastUsedAt was recorded.
    expect((await t.gql(OPS.confirmBooking, { id: bookingId }, m.mentor.token)).data.confirmBooking.__typename).toBe(
      "ConfirmBookingSuccess",
    );
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: rawId(key.apiKey.id) } })).lastUsedAt).not.toBeNull();
  });

  it("a key with bookings:write acts on its mentor's bookings only; someone else's booking is NOT_FOUND", async () => {
    const other = await marketplace(t);
    const mine = await paidBooking(t, m);
    const theirs = await paidBooking(t, other);
    const key = await createKey(m.mentor.token, ["BOOKINGS_READ", "BOOKINGS_WRITE"]);
    // A first use records lastUsedAt (then at most once a minute): the refusals below change nothing.
    expect((await call(`{ viewer { id } }`, {}, key.secret)).body.data.viewer.id).toBe(m.mentor.id);
    const before = await dbFingerprint(t.db);
    const refused = await call(OPS.confirmBooking, { id: theirs }, key.secret);
    expect(refused.body.data.confirmBooking).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect((await call(OPS.booking, { id: theirs }, key.secret)).body.data.booking).toBeNull();
    expect(await dbFingerprint(t.db)).toEqual(before);
    const done = await call(OPS.confirmBooking, { id: mine }, key.secret);
    expect(done.body.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
  });

  it("only mentors and admins create keys, within their role's scopes; an admin's key is a read-only partner key", async () => {
    const mentee = await createKey(m.mentee.token, ["BOOKINGS_READ"]);
    expect(mentee).toMatchObject({ __typename: "NotAuthorizedError", code: "FORBIDDEN" });
    const tooMuch = await createKey(m.admin.token, ["BOOKINGS_WRITE"]);
    expect(tooMuch).toMatchObject({ __typename: "ValidationError", field: "scopes", rule: "NOT_ALLOWED" });
    const past = await createKey(m.mentor.token, ["BOOKINGS_READ"], "old", new Date(Date.now() - 1000).toISOString());
    expect(past).toMatchObject({ __typename: "ValidationError", field: "expiresAt" });

    const partner = await createKey(m.admin.token, ["CATALOG_READ", "BOOKINGS_READ"], "Partner directory");
    expect(partner.apiKey.partner).toBe(true);
    // Only the bookings of mentors who granted this partner access (below).
    await paidBooking(t, m);
    await grant(m.mentor.token, partner.apiKey.id);
    const bookings = await call(BOOKINGS, {}, partner.secret);
    expect(bookings.body.errors).toBeUndefined();
    expect(bookings.body.data.bookings.totalCount).toBeGreaterThan(0);
    // Partner keys never carry the admin's own powers nor see emails.
    for (const edge of bookings.body.data.bookings.edges) expect(edge.node.mentee.email).toBeNull();
    const admin = await call(`{ mentorsAwaitingApproval(first: 5) { edges { node { id } } } }`, {}, partner.secret);
    expect(admin.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "session" });
    const mentors = await call(`{ mentors(first: 5) { edges { node { id } } } }`, {}, partner.secret);
    expect(mentors.body.data.mentors.edges.length).toBeGreaterThan(0);

    const listed = await t.gql(`{ apiKeys(first: 50) { edges { node { id name prefix } } } }`, {}, m.admin.token);
    expect(listed.data.apiKeys.edges.map((e: any) => e.node.id)).toContain(partner.apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(partner.secret);
  });

  it("someone else's key cannot be revoked: NOT_FOUND, like a key that does not exist", async () => {
    const key = await createKey(m.mentor.token, ["BOOKINGS_READ"]);
    const before = await dbFingerprint(t.db);
    const stranger = await t.gql(REVOKE_KEY, { id: key.apiKey.id }, m.admin.token);
    const missing = await t.gql(
      REVOKE_KEY,
      { id: Buffer.from("ApiKey:00000000-0000-4000-8000-000000000000").toString("base64") },
      m.admin.token,
    );
    expect(stranger).toEqual(missing);
    expect(stranger.data.revokeApiKey).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect(await dbFingerprint(t.db)).toEqual(before);
  });
});

/** A value of the argument's type that gets past coercion (the scope check comes before any resolver). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) return {};
  const scalars: Record<string, unknown> = {
    ID: Buffer.from("Booking:00000000-0000-4000-8000-000000000000").toString("base64"),
    String: "https://example.com/x",
    Int: 30,
    Boolean: true,
    DateTime: new Date(Date.now() + 86_400_000).toISOString(),
  };
  return scalars[named.name];
}

const GRANT = `mutation($id: ID!) { grantPartnerAccess(partnerAppId: $id) { __typename ... on GrantPartnerAccessSuccess { partnerApp { id name granted } } ... on Error { code } } }`;
const REVOKE_GRANT = `mutation($id: ID!) { revokePartnerAccess(partnerAppId: $id) { __typename ... on RevokePartnerAccessSuccess { partnerApp { granted } } ... on Error { code } } }`;
const appIdOf = (apiKeyId: string) => Buffer.from(`PartnerApp:${rawId(apiKeyId)}`).toString("base64");

async function grant(mentorToken: string, apiKeyId: string) {
  const granted = await t.gql(GRANT, { id: appIdOf(apiKeyId) }, mentorToken);
  expect(granted.data.grantPartnerAccess).toMatchObject({ __typename: "GrantPartnerAccessSuccess", partnerApp: { granted: true } });
}

describe("partner keys reach only the mentors who granted them", () => {
  it("reads and subscriptions: nothing before the grant, the granting mentor's paid bookings after, nothing once revoked", async () => {
    const a = await marketplace(t);
    const b = await marketplace(t);
    const aBooking = await paidBooking(t, a);
    const bBooking = await paidBooking(t, b);
    const partner = await createKey(m.admin.token, ["CATALOG_READ", "BOOKINGS_READ"], "Scheduling partner");
    const ids = async () => ((await call(BOOKINGS, {}, partner.secret)).body.data.bookings.edges as any[]).map((e) => e.node.id);
    const before = await ids();
    expect(before).not.toContain(aBooking);
    expect(before).not.toContain(bBooking);
    expect((await call(OPS.booking, { id: aBooking }, partner.secret)).body.data.booking).toBeNull();

    // The mentor finds the partner app and grants it.
    const apps = await t.gql(`{ partnerApps { id name granted } }`, {}, a.mentor.token);
    expect(apps.data.partnerApps).toContainEqual({ id: appIdOf(partner.apiKey.id), name: "Scheduling partner", granted: false });
    await grant(a.mentor.token, partner.apiKey.id);
    const after = await ids();
    expect(after).toContain(aBooking);
    expect(after).not.toContain(bBooking);
    // Only paid bookings, as for the mentor: an unpaid request is not visible.
    const unpaid = (await t.gql(OPS.requestBooking, { sessionTypeId: a.sessionTypeId }, a.mentee.token)).data.requestBooking.booking.id;
    expect(await ids()).not.toContain(unpaid);

    // A socket opened while granted stops hearing of the mentor's bookings once the grant is revoked.
    const ws = t.ws(partner.secret);
    await connected(ws);
    const feed = subscribe(ws, OPS.bookingChanged, { id: aBooking });
    await sleep(200);
    await t.gql(OPS.confirmBooking, { id: aBooking }, a.mentor.token);
    expect((await feed.next(1))[0]!.data).toMatchObject({ bookingChanged: { status: "CONFIRMED" } });
    const revoked = await t.gql(REVOKE_GRANT, { id: appIdOf(partner.apiKey.id) }, a.mentor.token);
    expect(revoked.data.revokePartnerAccess).toMatchObject({ __typename: "RevokePartnerAccessSuccess", partnerApp: { granted: false } });
    await t.gql(
      OPS.addBookingLinks,
      { id: aBooking, availabilityLink: "https://cal.example.com/a", meetingLink: "https://meet.example.com/a" },
      a.mentor.token,
    );
    await sleep(300);
    expect(feed.events.filter((e) => e.data?.bookingChanged)).toHaveLength(1);
    expect(await ids()).not.toContain(aBooking);

    // Only mentors grant, with their session; a mentor's own key is no partner app.
    expect((await t.gql(GRANT, { id: appIdOf(partner.apiKey.id) }, a.mentee.token)).data.grantPartnerAccess.__typename).toBe(
      "NotAuthorizedError",
    );
    const own = await createKey(a.mentor.token, ["BOOKINGS_READ"]);
    expect((await t.gql(GRANT, { id: appIdOf(own.apiKey.id) }, b.mentor.token)).data.grantPartnerAccess).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
    });
  });
});

describe("every root field checks the key's scopes", () => {
  /** What a key with no scope but CATALOG_READ may still call: itself, and the public sign-up and sign-in. */
  const OPEN = new Set(["Query.viewer", "Query.mentors", "Mutation.signUp", "Mutation.logIn"]);

  it("a key with CATALOG_READ only is refused (FORBIDDEN) every other query and mutation, and changes nothing", async () => {
    const schema = buildClientSchema((await t.gql(getIntrospectionQuery())).data);
    const key = await createKey(m.mentor.token, ["CATALOG_READ"], "Catalogue only");
    await call(`{ viewer { id } }`, {}, key.secret);
    const before = await dbFingerprint(t.db);
    const problems: string[] = [];
    let checked = 0;
    for (const [operation, type] of [
      ["query", schema.getQueryType()!],
      ["mutation", schema.getMutationType()!],
    ] as const) {
      for (const field of Object.values(type.getFields())) {
        const name = `${type.name}.${field.name}`;
        if (OPEN.has(name)) continue;
        // Required arguments only: optional ones (cursors, filters) have rules of their own.
        const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
        const variables = Object.fromEntries(args.map((arg) => [arg.name, sample(arg.type)]));
        const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(", ");
        const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
        const selection = isLeafType(getNamedType(field.type)) ? "" : "{ __typename }";
        const query = `${operation}${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""} ${selection} }`;
        const answer = await call(query, variables, key.secret);
        checked++;
        const code = answer.body.errors?.[0]?.extensions?.code;
        if (code !== "FORBIDDEN") problems.push(`${name}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(problems).toEqual([]);
    expect(await dbFingerprint(t.db)).toEqual(before);
  });
});

describe("every subscription field checks the key's scopes over graphql-ws", () => {
  /** The scopes that let a key open each subscription (any one of them); a new field must be listed here. */
  const SUBSCRIPTION_SCOPES: Record<string, string[]> = {
    "Subscription.bookingChanged": ["BOOKINGS_READ"],
    "Subscription.viewerChanged": ["CATALOG_READ", "EARNINGS_READ"],
  };
  /** Makes each field carry something to the mentor's keys: a booking change, and a change of every kind. */
  const TRIGGERS: Record<string, () => Promise<unknown>> = {
    "Subscription.bookingChanged": async () => t.gql(OPS.confirmBooking, { id: await paidBooking(t, m) }, m.mentor.token),
    "Subscription.viewerChanged": async () => {
      publishViewerChange(t.app.services, "MENTORS", null);
      publishViewerChange(t.app.services, "EARNINGS", rawId(m.mentor.id));
    },
  };
  const ALL_SCOPES = ["CATALOG_READ", "BOOKINGS_READ", "BOOKINGS_WRITE", "EARNINGS_READ", "WEBHOOKS_MANAGE"];
  const scopeName = (scope: string) => scope.toLowerCase().replace("_", ":");
  type Feed = ReturnType<typeof subscribe>;
  const firstError = (feed: Feed) => (feed.events[0] as { errors?: { extensions?: Record<string, unknown> }[] } | undefined)?.errors?.[0];

  it("a key without the field's scope is refused (FORBIDDEN naming it) every subscription; one with it receives what the field carries", async () => {
    const schema = buildClientSchema((await t.gql(getIntrospectionQuery())).data);
    const fields = Object.values(schema.getSubscriptionType()!.getFields());
    expect(fields.map((field) => `Subscription.${field.name}`).sort()).toEqual(Object.keys(SUBSCRIPTION_SCOPES).sort());
    const problems: string[] = [];
    for (const field of fields) {
      const name = `Subscription.${field.name}`;
      const accepted = SUBSCRIPTION_SCOPES[name]!;
      const selection = isLeafType(getNamedType(field.type)) ? "" : "{ __typename }";
      const query = `subscription { ${field.name} ${selection} }`;
      // Every scope a mentor's key may hold but the accepted ones: refused, naming an accepted scope.
      const without = await createKey(
        m.mentor.token,
        ALL_SCOPES.filter((scope) => !accepted.includes(scope)),
        `Without ${name}`,
      );
      const refusedWs = t.ws(without.secret);
      await connected(refusedWs);
      const refused = subscribe(refusedWs, query);
      await refused.next(1);
      const error = firstError(refused);
      if (error?.extensions?.code !== "FORBIDDEN" || !accepted.map(scopeName).includes(error.extensions.scope as string)) {
        problems.push(`${name} without ${accepted}: ${JSON.stringify(refused.events).slice(0, 200)}`);
      }
      // Each accepted scope alone opens it: what the field carries arrives, and no refusal.
      for (const scope of accepted) {
        const withScope = await createKey(m.mentor.token, [scope], `With ${scope}`);
        const ws = t.ws(withScope.secret);
        await connected(ws);
        const feed = subscribe(ws, query);
        await sleep(150);
        await TRIGGERS[name]!();
        await feed.next(1).catch(() => undefined);
        const first = feed.events[0];
        if (!first?.data?.[field.name] || first.errors !== undefined || feed.error !== undefined)
          problems.push(`${name} with ${scope}: ${JSON.stringify(feed.events).slice(0, 200)}`);
        feed.dispose();
      }
    }
    expect(problems).toEqual([]);
  });

  it("bookingChanged: a CATALOG_READ key is refused naming bookings:read and hears nothing; a BOOKINGS_READ key receives the event", async () => {
    const bookingId = await paidBooking(t, m);
    const catalogue = await createKey(m.mentor.token, ["CATALOG_READ"], "Catalogue only");
    const reader = await createKey(m.mentor.token, ["BOOKINGS_READ"], "Bookings reader");
    const catalogueWs = t.ws(catalogue.secret);
    const readerWs = t.ws(reader.secret);
    await Promise.all([connected(catalogueWs), connected(readerWs)]);
    const refused = subscribe(catalogueWs, OPS.bookingChanged, {});
    const feed = subscribe(readerWs, OPS.bookingChanged, {});
    await refused.next(1);
    expect(firstError(refused)?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "bookings:read" });
    expect(refused.events[0]!.data ?? null).toBeNull();
    await sleep(200);
    await t.gql(OPS.confirmBooking, { id: bookingId }, m.mentor.token);
    expect((await feed.next(1))[0]!.data).toMatchObject({ bookingChanged: { id: bookingId, status: "CONFIRMED" } });
    await sleep(200);
    // The refusal was the catalogue key's only message: no booking reached it afterwards.
    expect(refused.events).toHaveLength(1);
  });

  it("viewerChanged: a key hears only the kinds its scopes cover (EARNINGS needs earnings:read)", async () => {
    const catalogue = await createKey(m.mentor.token, ["CATALOG_READ"], "Catalogue only");
    const earnings = await createKey(m.mentor.token, ["EARNINGS_READ"], "Earnings only");
    const query = `subscription { viewerChanged { kind } }`;
    const catalogueWs = t.ws(catalogue.secret);
    const earningsWs = t.ws(earnings.secret);
    const sessionWs = t.ws(m.mentor.token);
    await Promise.all([connected(catalogueWs), connected(earningsWs), connected(sessionWs)]);
    const feeds = {
      catalogue: subscribe(catalogueWs, query),
      earnings: subscribe(earningsWs, query),
      session: subscribe(sessionWs, query),
    };
    await sleep(200);
    publishViewerChange(t.app.services, "EARNINGS", rawId(m.mentor.id));
    publishViewerChange(t.app.services, "APPROVAL", rawId(m.mentor.id));
    await feeds.session.next(2);
    await feeds.earnings.next(1);
    await feeds.catalogue.next(1);
    await sleep(200);
    const kinds = (feed: Feed) => feed.events.map((e) => (e.data as { viewerChanged: { kind: string } }).viewerChanged.kind);
    expect(kinds(feeds.session)).toEqual(["EARNINGS", "APPROVAL"]);
    expect(kinds(feeds.earnings)).toEqual(["EARNINGS"]);
    expect(kinds(feeds.catalogue)).toEqual(["APPROVAL"]);
  });
});

describe("GraphQL Code Generator against the live endpoint", () => {
  it("types a partner's operation from the running server, introspected with a key", async () => {
    const { generate } = await import("@graphql-codegen/cli");
    const key = await createKey(m.mentor.token, ["BOOKINGS_READ"], "Codegen");
    const dir = mkdtempSync(join(tmpdir(), "partner-codegen-"));
    try {
      const document = join(dir, "bookings.graphql");
      writeFileSync(
        document,
        `query PartnerBookings($first: Int!) { bookings(first: $first) { edges { node { id status price { formatted } } } } }`,
      );
      const [output] = await generate(
        {
          schema: [{ [`${t.url}/graphql`]: { headers: { authorization: `Bearer ${key.secret}` } } }],
          documents: [document],
          silent: true,
          generates: { [join(dir, "types.ts")]: { plugins: ["typescript", "typescript-operations"] } },
        },
        false,
      );
      expect(output?.content).toContain("export type PartnerBookingsQuery");
      expect(output?.content).toMatch(/export type BookingStatus =|export enum BookingStatus/);
      expect(output?.content).toContain("formatted: string");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("examples/list-bookings.mjs", () => {
  it("lists the key's mentor's bookings, page by page, with the cost of each page", async () => {
    const bookingId = await paidBooking(t, m);
    const key = await createKey(m.mentor.token, ["BOOKINGS_READ"], "Example script");
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["examples/list-bookings.mjs"], {
      env: { ...process.env, MENTORSHIP_URL: t.url, MENTORSHIP_API_KEY: key.secret },
    });
    const count = (await t.db.booking.count({ where: { mentorId: rawId(m.mentor.id), paidAt: { not: null } } })) as number;
    expect(count).toBeGreaterThan(0);
    expect(stdout.trim().split("\n")).toHaveLength(count);
    expect(stdout).toContain("PENDING");
    expect(stderr).toMatch(/page cost \d+; \d+ of \d+ points left/);
    expect(stderr).toContain(`${count} bookings.`);
    expect(bookingId).toBeTruthy();
  });
});

describe("clear auth failures", () => {
  it("an unknown, expired or revoked credential gets 401 with WWW-Authenticate and UNAUTHENTICATED; none stays anonymous", async () => {
    const expecting401 = async (credential: string | undefined, headers: Record<string, string> = {}) => {
      const result = await call(`{ viewer { id } }`, {}, credential, headers);
      expect(result.status).toBe(401);
      expect(result.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(result.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(result.body.data ?? null).toBeNull();
    };
    await expecting401("mb_not-a-real-token");
    await expecting401("mbk_000000000000_not-a-real-key");
    await expecting401(undefined, { authorization: "Basic dXNlcjpwYXNz" });

    const key = await createKey(m.mentor.token, ["BOOKINGS_READ"]);
    await t.db.apiKey.update({ where: { id: rawId(key.apiKey.id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expecting401(key.secret);

    const session = await signUp(t, "MENTEE");
    await t.gql(`mutation { logOut { __typename } }`, {}, session.token);
    await expecting401(session.token);

    const anonymous = await call(`{ viewer { id } }`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data.viewer).toBeNull();
  });

  it("on graphql-ws, connection_init with a bad credential closes with 4401", async () => {
    await expect(connected(t.ws("mbk_000000000000_unknown"))).rejects.toThrow(/4401/);
    await expect(connected(t.ws("mb_unknown"))).rejects.toThrow(/4401/);
  });

  it("a revoked key gets 401 on HTTP at once, and its open subscription ends", async () => {
    const bookingId = await paidBooking(t, m);
    const key = await createKey(m.mentor.token, ["BOOKINGS_READ"]);
    const ws = t.ws(key.secret);
    await connected(ws);
    const closed = new Promise<number>((resolve) => ws.on("closed", (event) => resolve((event as { code: number }).code)));
    const feed = subscribe(ws, OPS.bookingChanged, { id: bookingId });
    await sleep(200);
    expect((await t.gql(OPS.confirmBooking, { id: bookingId }, m.mentor.token)).data.confirmBooking.__typename).toBe(
      "ConfirmBookingSuccess",
    );
    expect((await feed.next(1))[0]!.data).toMatchObject({ bookingChanged: { status: "CONFIRMED" } });

    const revoked = await t.gql(REVOKE_KEY, { id: key.apiKey.id }, m.mentor.token);
    expect(revoked.data.revokeApiKey.__typename).toBe("RevokeApiKeySuccess");
    expect(await closed).toBe(4403);
    expect((await call(`{ viewer { id } }`, {}, key.secret)).status).toBe(401);
    await expect(connected(t.ws(key.secret))).rejects.toThrow(/4401/);
  });
});

describe("cost budgets", () => {
  let small: TestApp;
  let sm: Awaited<ReturnType<typeof marketplace>>;
  beforeAll(async () => {
    // The smallest bucket (one operation at the largest cost) refilling slowly, and 3 booking requests an hour.
    small = await startTestApp({
      vars: { ...ADMIN_VARS, COST_BUDGET_POINTS: "3500", COST_RESTORE_PER_SECOND: "2", BOOKING_REQUESTS_PER_HOUR: "3" },
    });
    sm = await marketplace(small);
  });
  afterAll(() => small?.stop());

  const post = async (app: TestApp, query: string, variables: Record<string, unknown> = {}, credential?: string) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as { data?: any; errors?: any[]; extensions?: any },
    };
  };
  const costShape = {
    requestedQueryCost: expect.any(Number),
    actualQueryCost: expect.any(Number),
    throttleStatus: { maximumAvailable: 3500, currentlyAvailable: expect.any(Number), restoreRate: expect.any(Number) },
  };

  it("every response carries extensions.cost, also refusals and anonymous calls; the standard introspection query works", async () => {
    const answers = [
      await post(small, `{ viewer { id } }`, {}, sm.mentor.token),
      await post(small, BOOKINGS, {}, sm.mentor.token),
      await post(small, `{ mentors(first: 5) { edges { node { id name } } } }`),
      await post(small, `{ nope }`),
      await post(small, `{ viewer { id } }`, {}, "mb_unknown"),
      await post(small, getIntrospectionQuery()),
      await post(
        small,
        OPS.confirmBooking,
        { id: Buffer.from("Booking:00000000-0000-4000-8000-000000000000").toString("base64") },
        sm.mentor.token,
      ),
    ];
    for (const answer of answers) expect(answer.body.extensions?.cost).toMatchObject(costShape);
    const [viewer, bookings, , invalid, unknown, introspection] = answers;
    expect(bookings!.body.extensions.cost.requestedQueryCost).toBeGreaterThan(viewer!.body.extensions.cost.requestedQueryCost);
    // What was taken shows in what is left (the mentor's bucket: restored at 2 a second meanwhile).
    expect(bookings!.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(
      3500 - bookings!.body.extensions.cost.requestedQueryCost + 10,
    );
    expect(invalid!.body.errors?.[0]?.message).toMatch(/nope/);
    expect(invalid!.body.extensions.cost.actualQueryCost).toBe(0);
    expect(unknown!.status).toBe(401);
    expect(introspection!.status).toBe(200);
    expect(introspection!.body.errors).toBeUndefined();
    expect(introspection!.body.data.__schema.queryType.name).toBe("Query");
  });

  it("over graphql-ws too: a query as over HTTP, refusals included; a subscription's first result carries its charge, later ones cost 0", async () => {
    const bookingId = await paidBooking(small, sm);
    const created = await small.gql(CREATE_KEY, { name: "Socket partner", scopes: ["BOOKINGS_READ", "CATALOG_READ"] }, sm.mentor.token);
    const key = created.data.createApiKey.secret as string;
    const ws = small.ws(key);
    await connected(ws);
    type Costed = { extensions?: { cost?: any }; data?: any; errors?: any[] };

    const viewer = subscribe(ws, `{ viewer { id } }`);
    const bookings = subscribe(ws, BOOKINGS);
    const [viewerResult] = (await viewer.next(1)) as Costed[];
    const [bookingsResult] = (await bookings.next(1)) as Costed[];
    expect(viewerResult!.data.viewer.id).toBe(sm.mentor.id);
    expect(viewerResult!.extensions?.cost).toMatchObject(costShape);
    expect(bookingsResult!.extensions?.cost).toMatchObject(costShape);
    const bookingsCost = bookingsResult!.extensions!.cost;
    expect(bookingsCost.requestedQueryCost).toBeGreaterThan(viewerResult!.extensions!.cost.requestedQueryCost);
    expect(bookingsCost.actualQueryCost).toBe(bookingsCost.requestedQueryCost);
    // The key's own bucket: what the two operations took shows in what is left.
    expect(bookingsCost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(3500 - bookingsCost.requestedQueryCost + 10);
    // A refused operation costs nothing, and says so.
    const refused = subscribe(ws, EARNINGS);
    const [refusal] = (await refused.next(1)) as Costed[];
    expect(refusal!.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "earnings:read" });
    expect(refusal!.extensions?.cost).toMatchObject(costShape);

    // A subscription: charged once when it starts.
    const feed = subscribe(ws, OPS.bookingChanged, { id: bookingId });
    await sleep(200);
    await small.gql(OPS.confirmBooking, { id: bookingId }, sm.mentor.token);
    await small.gql(OPS.addBookingLinks, { id: bookingId, ...LINKS }, sm.mentor.token);
    const [first, second] = (await feed.next(2)) as Costed[];
    expect(first!.data.bookingChanged.status).toBe("CONFIRMED");
    expect(first!.extensions?.cost).toMatchObject(costShape);
    expect(second!.extensions?.cost).toMatchObject(costShape);
    const started = first!.extensions!.cost;
    expect(started.requestedQueryCost).toBeGreaterThan(0);
    expect(started.actualQueryCost).toBe(started.requestedQueryCost);
    expect(second!.extensions!.cost).toEqual({ ...started, actualQueryCost: 0 });
    feed.dispose();
  });

  it("an exhausted key gets 429 with Retry-After and changes nothing; other callers keep their own buckets", async () => {
    const bookingId = await paidBooking(small, sm);
    const created = await small.gql(CREATE_KEY, { name: "Busy partner", scopes: ["BOOKINGS_READ", "BOOKINGS_WRITE"] }, sm.mentor.token);
    const key = created.data.createApiKey.secret as string;
    const heavy = `{ bookings(first: 100) { edges { node { id mentee { name } mentor { name } sessionType { id } } } } }`;
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const answer = await post(small, heavy, {}, key);
      if (answer.status === 429) refused = answer;
      else expect(answer.body.errors).toBeUndefined();
    }
    expect(refused, "the bucket never ran out").toBeDefined();
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused!.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused!.body.extensions.cost).toMatchObject(costShape);

    // Then down to less than confirmBooking's cost (28): a page of 6 costs 25.
    const page = heavy.replace("first: 100", "first: 6");
    for (let i = 0; i < 200; i++) if ((await post(small, page, {}, key)).status === 429) break;
    const before = await dbFingerprint(small.db);
    const confirm = await post(small, OPS.confirmBooking, { id: bookingId }, key);
    expect(confirm.status).toBe(429);
    expect(Number(confirm.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(confirm.body.data ?? null).toBeNull();
    expect(await dbFingerprint(small.db)).toEqual(before);

    // Over graphql-ws too: a subscription the bucket cannot pay for is refused before it starts.
    const ws = small.ws(key);
    await connected(ws);
    // About 120 points: more than the drained bucket has regained meanwhile.
    const costly = `subscription($id: ID) { bookingChanged(id: $id) { id mentor { sessionTypes { mentor { sessionTypes { id } } } } } }`;
    const feed = subscribe(ws, costly, { id: bookingId });
    const [refusal] = await feed.next(1);
    expect((refusal as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(refusal!.data ?? null).toBeNull();

    // The mentor's session is another caller with its own bucket.
    const own = await post(small, OPS.booking, { id: bookingId }, sm.mentor.token);
    expect(own.status).toBe(200);
    expect(own.body.data.booking.status).toBe("PENDING");
  });

  it("requestBooking is limited per mentee, and a refused request creates nothing", async () => {
    const mentee = await signUp(small, "MENTEE");
    for (let i = 0; i < 3; i++) {
      const ok = await small.gql(OPS.requestBooking, { sessionTypeId: sm.sessionTypeId, message: `Request ${i}` }, mentee.token);
      expect(ok.data.requestBooking.__typename).toBe("RequestBookingSuccess");
    }
    const before = await dbFingerprint(small.db);
    const refused = await small.gql(
      `mutation($id: ID!) { requestBooking(sessionTypeId: $id) { __typename ... on RateLimitedError { code retryAfterSeconds } } }`,
      { id: sm.sessionTypeId },
      mentee.token,
    );
    expect(refused.data.requestBooking).toMatchObject({ __typename: "RateLimitedError", code: "RATE_LIMITED" });
    expect(refused.data.requestBooking.retryAfterSeconds).toBeGreaterThan(0);
    expect(await dbFingerprint(small.db)).toEqual(before);
    // Another mentee is not affected.
    const other = await signUp(small, "MENTEE");
    expect((await small.gql(OPS.requestBooking, { sessionTypeId: sm.sessionTypeId }, other.token)).data.requestBooking.__typename).toBe(
      "RequestBookingSuccess",
    );
  });
});
