// Malformed input, everywhere: every argument of every query and mutation field the server
// serves (read by introspection, so a new field or argument is covered without a line here),
// nested connection fields included, and the Stripe webhook (correctly signed bodies that are
// not events, and events of every handled type whose data is garbage). Each request must get a
// clear answer: never a 5xx, never a masked internal error, and a refused request changes no
// table (a checksum of every table's rows before and after).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import Stripe from "stripe";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import { startTestApp, WEBHOOK_SECRET, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, paidBooking, PASSWORD, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import { HANDLED_EVENT_TYPES } from "../server/stripe/dispatcher.ts";
import { ensureAdmin } from "../server/accounts/account-commands.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";

/**
 * Random values per argument, on top of the fixed corpus (which alone is over a thousand requests):
 * 5 by default, 15 in .ci/run's PostgreSQL pass (FUZZ_RUNS_PER_ARGUMENT).
 */
const RUNS_PER_ARGUMENT = Math.max(5, Number(process.env.FUZZ_RUNS_PER_ARGUMENT) || 5);
const RUNS_PER_EVENT_TYPE = 30;

let t: TestApp;
let schema: GraphQLSchema;
const tokens: Record<string, string | undefined> = { anonymous: undefined };
/** Global ids of real rows, set up once: valid values for other arguments, and for the fuzz to mix in. */
const ids = { sessionType: "", mentor: "", booking: "", unpaid: "" };

// ---------- the database's state: a checksum of every table's rows ----------

let tables: string[] = [];
async function checksums(): Promise<Record<string, string>> {
  // Order-independent: the count and the sum of every row's hash (no sort, no big string).
  const parts = tables.map(
    (table) => `SELECT '${table}' AS t, count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) AS sum FROM "${table}" x`,
  );
  const rows = await t.db.$queryRawUnsafe<{ t: string; sum: string }[]>(parts.join(" UNION ALL "));
  return Object.fromEntries(rows.map((row) => [row.t, row.sum]));
}

// ---------- malformed values ----------

const nasty = [
  "",
  " \t\n ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "ok\uD83D",
  "\uDE00ok",
  "\u202Eevil",
  "\u0085",
  "\u2028",
  "\uFEFF",
  "\u001B[31m",
  "\u007F",
  '\'; DROP TABLE "User"; --',
  "../../etc/passwd",
  "null",
  "NaN",
  "1e309",
  "Jose\u0301",
  "e\u0301\u0301\u0301",
  "😀".repeat(600),
  "x".repeat(5000),
  "x".repeat(100_000),
  "javascript:alert(1)",
  "https://user:pass@evil.example/",
  "a@b",
  "a@b.c\u0000",
  "a\uD800@example.com",
];
/** Strings of any UTF-16 code unit, lone surrogates and controls included. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 });
const anyString = fc.oneof(
  fc.constantFrom(...nasty),
  anyUnits,
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ maxLength: 3000 }),
);
/** JSON values of the wrong type for the argument: the variable coercion must refuse them cleanly. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const typenames = ["Booking", "User", "SessionType", "Payout", "Refund", "Session", "Nope"];
const idLike = () =>
  fc.oneof(
    fc.constantFrom(...typenames).chain((type) => anyString.map((inside) => base64(`${type}:${inside}`))),
    fc.constantFrom(...typenames).map((type) => base64(`${type}:${"-".repeat(36)}`)),
    fc.constantFrom(...typenames).map((type) => base64(`${type}:00000000-0000-0000-0000-000000000000`)),
    anyString.map((inside) => base64(`GPC:S:${inside}`)),
    fc.constantFrom("GPC:N:1", "GPC:J:{}", "GPC:S:", "GPC:D:x", "GPC:T:[1]").map(base64),
    fc.constantFrom(...Object.values(ids)),
  );
const intLike = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, Number.MAX_VALUE, -0),
  fc.double(),
  anyString,
);

function malformed(arg: GraphQLArgument): fc.Arbitrary<unknown> {
  const named = getNamedType(arg.type);
  const options: fc.Arbitrary<unknown>[] = [anyString, wrongType];
  if (named.name === "ID" || arg.name === "after" || arg.name === "before") options.push(idLike(), idLike());
  if (named.name === "Int" || named.name === "Float") options.push(intLike, intLike);
  if (isEnumType(named)) options.push(fc.constantFrom(...named.getValues().map((v) => v.value.toLowerCase())));
  if (isInputObjectType(named))
    options.push(
      fc.anything({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom(...Object.keys(named.getFields()), "x"), fc.anything({ maxDepth: 2 })),
    );
  if (isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type)) options.push(fc.array(anyString, { maxLength: 5 }));
  return fc.oneof(...options);
}

/** The fixed corpus for one argument: every nasty string, wrong types, id and cursor shapes. */
function corpus(arg: GraphQLArgument): unknown[] {
  const named = getNamedType(arg.type);
  const textual = named.name === "String" || named.name === "ID";
  // Every nasty string where text is expected; elsewhere a few, as wrong types.
  const values: unknown[] = [...(textual ? nasty : nasty.slice(0, 6)), null, 0, -1, 1.5, true, [], {}, ["a"], { a: 1 }];
  if (named.name === "ID" || arg.name === "after" || arg.name === "before") {
    values.push(
      ...typenames.map((type) => base64(`${type}:${"-".repeat(36)}`)),
      base64("GPC:S:not-a-uuid"),
      base64("GPC:N:1"),
      "R1BDOlM6",
      ...Object.values(ids),
    );
  }
  if (named.name === "Int") values.push(-(2 ** 31), 2 ** 31 - 1, 2 ** 31, 2 ** 53);
  return values;
}

// ---------- valid values for the other arguments ----------

let emailCount = 0;
function baseline(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument): unknown {
  const byName: Record<string, () => unknown> = {
    email: () => `fuzz.${++emailCount}.${randomBytes(3).toString("hex")}@example.com`,
    password: () => PASSWORD,
    name: () => "Fuzz Person",
    title: () => "Fuzz session",
    durationMinutes: () => 30,
    priceCents: () => 1000,
    months: () => 12,
    availabilityLink: () => "https://cal.example/fuzz",
    meetingLink: () => "https://meet.example/fuzz",
    sessionTypeId: () => ids.sessionType,
    userId: () => ids.mentor,
  };
  if (byName[arg.name]) return byName[arg.name]!();
  const named = getNamedType(arg.type);
  if (named.name === "ID") return field.name === "archiveSessionType" ? ids.sessionType : ids.booking;
  if (named.name === "String") return "fuzz";
  if (named.name === "Int" || named.name === "Float") return 1;
  if (named.name === "Boolean") return true;
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named)) return {};
  return null;
}

// ---------- targets: one per argument of every field, read from the served schema ----------

interface Target {
  operation: "query" | "mutation";
  /** The fields from the root to the one whose argument is under test. */
  chain: GraphQLField<unknown, unknown>[];
  arg: GraphQLArgument;
}

function targetsOf(schema: GraphQLSchema): Target[] {
  const targets: Target[] = [];
  const walk = (operation: Target["operation"], type: GraphQLObjectType, chain: GraphQLField<unknown, unknown>[], depth: number) => {
    for (const field of Object.values(type.getFields())) {
      const here = [...chain, field];
      for (const arg of field.args) targets.push({ operation, chain: here, arg });
      const named = getNamedType(field.type);
      // Nested fields with arguments (Earnings.payouts, Earnings.monthly...), two levels down.
      if (isObjectType(named) && depth < 2 && !named.name.endsWith("Connection")) walk(operation, named, here, depth + 1);
    }
  };
  walk("query", schema.getQueryType()!, [], 0);
  walk("mutation", schema.getMutationType()!, [], 0);
  return targets;
}

/**
 * What to select of a result: its fields without required arguments, two levels deep, so that
 * resolvers really read (a connection selected by __typename alone runs no query).
 */
function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return "";
  if (isUnionType(named)) {
    const members = named.getTypes().map((member) => `... on ${member.name} ${selectionOf(member, depth)}`);
    return `{ __typename ${members.join(" ")} }`;
  }
  if (!isObjectType(named) || depth > 2) return "{ __typename }";
  const fields = Object.values(named.getFields())
    .filter((field) => !field.args.some((arg) => isNonNullType(arg.type)))
    .filter((field) => depth < 2 || isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)))
    .map((field) => `${field.name} ${selectionOf(field.type, depth + 1)}`);
  return `{ __typename ${fields.join(" ")} }`;
}

function buildRequest(target: Target, value: unknown) {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  let n = 0;
  let document = "";
  const open: string[] = [];
  target.chain.forEach((field, level) => {
    const args: string[] = [];
    for (const arg of field.args) {
      const isTarget = level === target.chain.length - 1 && arg === target.arg;
      const given = isTarget ? value : isNonNullType(arg.type) ? baseline(field, arg) : undefined;
      if (given === undefined) continue;
      const name = `v${n++}`;
      definitions.push(`$${name}: ${String(arg.type as GraphQLInputType)}`);
      variables[name] = given;
      args.push(`${arg.name}: $${name}`);
    }
    document += ` ${field.name}${args.length ? `(${args.join(", ")})` : ""}`;
    if (level < target.chain.length - 1) {
      document += " {";
      open.push("}");
    } else {
      document += ` ${selectionOf(field.type)}`;
    }
  });
  const query = `${target.operation}${definitions.length ? `(${definitions.join(", ")})` : ""} {${document} ${open.join(" ")} }`;
  return { query, variables };
}

/** A GraphQL request: HTTP status, errors, and whether it was refused (errors or an Error result). */
async function send(query: string, variables: Record<string, unknown>, token: string | undefined) {
  const response = await t.app.yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      // Each request from another address: the per-address sign-in limits are not what is tested here.
      "x-forwarded-for": `10.${randomBytes(3).join(".")}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: judged by its status
  }
  await t.app.services.settled();
  const returnedError = JSON.stringify(body.data ?? null).includes('"code":');
  // The GraphQL spec: no `data` entry means an error before execution (parse, validation,
  // variable coercion, an HTTP-level refusal): no resolver ran, so no checksum is needed.
  const executed = "data" in body;
  return {
    status: response.status,
    body,
    text,
    executed,
    refused: response.status >= 400 || (body.errors?.length ?? 0) > 0 || returnedError,
  };
}

const internal = (body: { errors?: { message: string; extensions?: { code?: string } }[] }) =>
  (body.errors ?? []).filter((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR" || e.message === "Unexpected error.");

let state: Record<string, string> = {};

interface Answer {
  status: number;
  text: string;
  refused: boolean;
  executed?: boolean;
  body: any;
}

async function expectCleanAnswer(label: string, request: () => Promise<Answer>, allowed: string[] = []) {
  const result = await request();
  const context = `${label} -> ${result.status} ${result.text.slice(0, 300)}`;
  expect(result.status, context).toBeLessThan(500);
  expect(internal(result.body), context).toEqual([]);
  if (result.executed === false) return result;
  const after = await checksums();
  if (result.refused) {
    const changed = Object.keys(after).filter((table) => after[table] !== state[table] && !allowed.includes(table));
    expect(changed, `refused, yet changed: ${context}`).toEqual([]);
  }
  state = after;
  return result;
}

// ---------- setup ----------

beforeAll(async () => {
  t = await startTestApp({ vars: { ...ADMIN_VARS, TRUST_PROXY: "true" } });
  const m = await marketplace(t);
  tokens.mentee = m.mentee.token;
  tokens.mentor = m.mentor.token;
  tokens.admin = m.admin.token;
  tokens.stranger = (await signUp(t, "MENTEE")).token;
  ids.sessionType = m.sessionTypeId;
  ids.mentor = m.mentor.id;
  ids.booking = await paidBooking(t, m);
  ids.unpaid = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id;
  const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection.data);
  const rows = await t.db.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  tables = rows.map((row) => row.table_name).sort();
  state = await checksums();
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

// ---------- GraphQL ----------

describe("every argument of every query and mutation, malformed", () => {
  it("covers the served schema", () => {
    const targets = targetsOf(schema).map((target) => `${target.chain.map((f) => f.name).join(".")}(${target.arg.name})`);
    // A few that must be there; the rest is whatever the schema serves.
    expect(targets).toEqual(
      expect.arrayContaining([
        "signUp(password)",
        "logIn(email)",
        "bookings(after)",
        "mentors(after)",
        "earnings.payouts(after)",
        "createSessionType(title)",
      ]),
    );
    expect(tables).toEqual(expect.arrayContaining(["User", "Booking", "LedgerEntry", "UnreadableStripeEvent"]));
  });

  it("answers each with a clear error or a result, never an internal error, and refusals change nothing", async () => {
    const roles = Object.keys(tokens);
    let requests = 0;
    for (const target of targetsOf(schema)) {
      const label = (role: string) => `${target.operation} ${target.chain.map((f) => f.name).join(".")}(${target.arg.name}) as ${role}`;
      for (const [i, value] of corpus(target.arg).entries()) {
        const role = roles[i % roles.length]!;
        const { query, variables } = buildRequest(target, value);
        await expectCleanAnswer(`${label(role)} = ${JSON.stringify(value)?.slice(0, 80)}`, () => send(query, variables, tokens[role]));
        requests += 1;
      }
      await fc.assert(
        fc.asyncProperty(malformed(target.arg), fc.constantFrom(...roles), async (value, role) => {
          const { query, variables } = buildRequest(target, value);
          await expectCleanAnswer(`${label(role)} = ${JSON.stringify(value)?.slice(0, 80)}`, () => send(query, variables, tokens[role]));
          requests += 1;
        }),
        { numRuns: RUNS_PER_ARGUMENT, seed: 14 },
      );
    }
    expect(requests).toBeGreaterThan(1000);
  }, 120_000);

  it("says which argument and rule failed", async () => {
    const bad = await send(`query { bookings(after: "garbage") { totalCount } }`, {}, tokens.mentee);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "after", rule: "cursor" });
    const lone = await send(
      `mutation($title: String!) { createSessionType(title: $title, durationMinutes: 30, priceCents: 1000) { __typename ... on ValidationError { field rule } } }`,
      { title: "Intro \uD800 call" },
      tokens.mentor,
    );
    expect(lone.body.data).toEqual({ createSessionType: { __typename: "ValidationError", field: "title", rule: "UNICODE" } });
    const weak = await send(
      `mutation { signUp(email: "weak.pw@example.com", password: "password123", name: "Weak", role: MENTEE) { __typename ... on ValidationError { field rule message } } }`,
      {},
      undefined,
    );
    expect(weak.body.data).toMatchObject({ signUp: { __typename: "ValidationError", field: "password", rule: "WEAK" } });
    const id = await send(`mutation { confirmBooking(id: "not-an-id") { __typename ... on Error { code } } }`, {}, tokens.mentor);
    // An id that is not one names nothing: the answer for an unknown booking (no ValidationError in the union).
    expect(id.body.data).toEqual({ confirmBooking: { __typename: "NotFoundError", code: "NOT_FOUND" } });
  });

  it("stops the start on a guessable ADMIN_PASSWORD, naming the variable, and creates no admin", async () => {
    await expect(ensureAdmin(t.db, { email: "weak.admin@example.com", password: "password123" })).rejects.toThrow(
      /^ADMIN_PASSWORD: This password is too easy to guess/,
    );
    expect(await t.db.user.count({ where: { email: "weak.admin@example.com" } })).toBe(0);
  });
});

// ---------- the Stripe webhook ----------

const signer = new Stripe("sk_test_signing_only");

async function webhook(body: string | Buffer) {
  const payload = Buffer.isBuffer(body) ? body.toString("utf8") : body; // what the verifier signs over
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  const response = await t.app.yoga.fetch("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
  });
  const text = await response.text();
  await t.app.services.settled();
  let parsed: any = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // judged by status
  }
  // Ignored and unreadable events change nothing (but the record of the unreadable).
  const refused = response.status >= 400 || ["ignored", "unreadable"].includes(parsed.outcome);
  return { status: response.status, text, body: parsed, refused };
}

/** A readable data.object per handled type, pointing at real rows, for the fuzz to spoil. */
function template(type: string): Record<string, unknown> {
  const bookingId = rawId(ids.booking);
  const refund = { id: "re_fuzz", payment_intent: "pi_fuzz", metadata: { bookingId }, status: "succeeded", failure_reason: null };
  if (type.startsWith("checkout.session.")) {
    return {
      id: "cs_fuzz",
      client_reference_id: rawId(ids.unpaid),
      metadata: { bookingId: rawId(ids.unpaid) },
      payment_status: "paid",
      payment_intent: "pi_fuzz",
      amount_total: 5000,
      currency: "usd",
    };
  }
  if (type.startsWith("refund.")) return refund;
  if (type === "charge.refunded")
    return { id: "ch_fuzz", payment_intent: "pi_fuzz", metadata: { bookingId }, refunded: true, refunds: { data: [refund] } };
  if (type === "account.updated")
    return {
      id: "acct_fuzz",
      payouts_enabled: true,
      details_submitted: true,
      requirements: { past_due: [], currently_due: [], disabled_reason: null },
    };
  if (type.startsWith("transfer.")) {
    return {
      id: "tr_fuzz",
      metadata: { payoutId: bookingId },
      transfer_group: `payout:${bookingId}`,
      destination: "acct_fuzz",
      amount: 1000,
      amount_reversed: 1000,
      reversed: true,
    };
  }
  if (type.startsWith("charge.dispute.")) {
    return {
      id: "dp_fuzz",
      charge: "ch_fuzz",
      payment_intent: "pi_fuzz",
      amount: 5000,
      currency: "usd",
      reason: "fraudulent",
      status: type.endsWith(".closed") ? "lost" : "needs_response",
      balance_transactions: [{ fee: 1500 }],
    };
  }
  return {};
}

/** Values for the fields handlers read: sometimes right (real ids), mostly wrong. */
function fieldValue(): fc.Arbitrary<unknown> {
  const real = fc.constantFrom(rawId(ids.booking), rawId(ids.unpaid), "-".repeat(36), `payout:${"-".repeat(36)}`, "pi_other", "acct_other");
  return fc.oneof(
    real,
    anyString,
    wrongType,
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom(5000, 0, -1, "usd", "eur", "paid", "succeeded", "failed", true, null, { id: "pi_1" }, {}, []),
  );
}

/** A handled type's data.object: its template with a few fields spoiled, or anything at all. */
function dataObject(type: string): fc.Arbitrary<unknown> {
  const base = template(type);
  const keys = [...Object.keys(base), "metadata", "id"];
  const spoiled = fc.dictionary(fc.constantFrom(...keys), fieldValue(), { maxKeys: 3 }).map((overrides) => ({ ...base, ...overrides }));
  const metadataSpoiled = fc
    .dictionary(fc.constantFrom("bookingId", "refundId", "payoutId"), fieldValue(), { maxKeys: 2 })
    .map((metadata) => ({ ...base, metadata }));
  return fc.oneof(
    { arbitrary: spoiled, weight: 4 },
    { arbitrary: metadataSpoiled, weight: 2 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
  );
}

describe("the Stripe webhook, correctly signed but malformed", () => {
  it("refuses bodies that are not events with 400 and writes nothing", async () => {
    const bodies = [
      "null",
      "[]",
      "1",
      "-1.5",
      '"evt"',
      "true",
      "{}",
      "",
      "not json",
      "{",
      '{"id":"evt_1"}',
      '{"id":"evt_1","type":"checkout.session.completed"}',
      '{"id":1,"type":"x","data":{}}',
      '{"id":"evt_\\u0000","type":"x","data":{}}',
      '{"id":"evt_1","type":"x\\ud800","data":{}}',
    ];
    for (const body of bodies) {
      const result = await expectCleanAnswer(`webhook ${body}`, () => webhook(body));
      expect(result.status, body).toBe(400);
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.array(fc.anything()), fc.string()), async (value) => {
        const body = JSON.stringify(value) ?? "null";
        const result = await expectCleanAnswer(`webhook ${body.slice(0, 100)}`, () => webhook(body));
        expect(result.status).toBe(400);
      }),
      { numRuns: 60, seed: 14 },
    );
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"id":"evt_x","type":"a.b","data":{"object":"'),
      Buffer.from([0xff, 0xfe, 0xc0]),
      Buffer.from('"}}'),
    ]);
    expect((await expectCleanAnswer("webhook invalid UTF-8", () => webhook(invalidUtf8), ["UnreadableStripeEvent"])).status).toBeLessThan(
      500,
    );
  });

  it("acknowledges every handled type with unreadable data, records it, and never answers 5xx", async () => {
    expect(HANDLED_EVENT_TYPES.length).toBeGreaterThanOrEqual(9);
    const logs = captureLogs();
    try {
      for (const type of HANDLED_EVENT_TYPES) {
        const outcomes = new Set<string>();
        const created = fc.oneof(
          fc.constant(Math.floor(Date.now() / 1000)),
          fc.constant(undefined),
          fc.integer({ min: 0, max: 253_402_300_799 }),
        );
        await fc.assert(
          fc.asyncProperty(dataObject(type), created, async (object, createdAt) => {
            const id = `evt_fuzz_${randomBytes(8).toString("hex")}`;
            const body = JSON.stringify({ id, object: "event", type, created: createdAt, data: { object } });
            const result = await expectCleanAnswer(`${type} ${body.slice(0, 300)}`, () => webhook(body), ["UnreadableStripeEvent"]);
            expect(result.status, result.text).toBe(200);
            outcomes.add(result.body.outcome);
            const row = await t.db.unreadableStripeEvent.findUnique({ where: { id } });
            if (result.body.outcome === "unreadable") {
              expect(row).toMatchObject({ type, payload: body });
              expect(logs.lines).toContainEqual(expect.objectContaining({ level: LEVEL.alert, eventId: id, eventType: type }));
            } else {
              expect(row).toBeNull();
            }
          }),
          { numRuns: RUNS_PER_EVENT_TYPE, seed: 14 },
        );
        // Both kinds reached: garbage stopped at the door, and readable events through to the handler.
        expect(outcomes, type).toContain("unreadable");
        expect([...outcomes].filter((outcome) => outcome !== "unreadable").length, `${type}: ${[...outcomes]}`).toBeGreaterThan(0);
      }
    } finally {
      logs.restore();
    }
  }, 60_000);

  it("records an event whose data lacks what its handler reads, and acknowledges it", async () => {
    const body = JSON.stringify({
      id: "evt_no_data",
      object: "event",
      type: "checkout.session.completed",
      created: 1,
      data: { object: null },
    });
    const result = await expectCleanAnswer("no data.object", () => webhook(body), ["UnreadableStripeEvent"]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ received: true, outcome: "unreadable" });
    expect(await t.db.unreadableStripeEvent.findUnique({ where: { id: "evt_no_data" } })).toMatchObject({
      type: "checkout.session.completed",
      reason: "data.object is not an object",
    });
    // Stripe may deliver it again: one row, the same answer.
    expect((await webhook(body)).status).toBe(200);
    expect(await t.db.unreadableStripeEvent.count({ where: { id: "evt_no_data" } })).toBe(1);
  });
});
