// Who may see and change what, checked from the served schema: every query, mutation and
// subscription field, called by anonymous, two mentees, two mentors, a mentor awaiting approval
// and an admin, each aiming at the others' bookings, session types and users.
// - Leaks: every private value (a booking's id and message, an email, an unapproved mentor's
//   name, an archived session type's title) is unique and known, and must not reach a caller
//   who may not see it, whatever field and selection carried it.
// - Disclosures: aimed at something the caller may not see, the answer is exactly the answer
//   for an id that does not exist (NOT_FOUND, or the same role refusal).
// - Changes: no row anywhere changes when a caller aims at what is not theirs.
// - Thin selections: every read answers `{ __typename }` alone without an internal error (a
//   plugin-prisma resolver handed an empty select once did, for markDisputeHandled).
// A root field without a rule below fails the first test, so a new field starts here.
import { randomBytes } from "node:crypto";
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, checkoutCompleted, logInAdmin, rawId, signUp, type Account } from "./support/fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";

type PersonaName = "anonymous" | "menteeA" | "menteeB" | "mentorA" | "mentorB" | "unapproved" | "admin";
type Kind = "Booking" | "SessionType" | "User" | "ApiKey" | "WebhookEndpoint" | "PartnerApp" | "Dispute";

interface Persona {
  name: PersonaName;
  token?: string;
  id?: string;
}

interface Target {
  kind: Kind;
  id: string;
  /** Who may see it (besides admins). */
  visibleTo: PersonaName[];
  label: string;
}

/**
 * How each root field is checked:
 * - public: anyone may call it (leaks only);
 * - viewer: answers about the caller only (leaks only);
 * - admin: admins only (others get no data, and leaks);
 * - self: changes only the caller's own things (signing in and out, their own session types);
 * - target: aimed at one object, by `arg`, at each of `targets` that is not the caller's.
 */
type Rule =
  | { kind: "public" | "viewer" | "admin" | "self" }
  | { kind: "target"; arg: string; of: Kind; targets: (persona: PersonaName) => Target[] };

let t: TestApp;
let schema: GraphQLSchema;
const personas = {} as Record<PersonaName, Persona>;
const targets: Target[] = [];
/** Private value -> who may see it (admins always may). */
const secrets = new Map<string, Set<PersonaName>>();

const secret = (prefix: string, visibleTo: PersonaName[]) => {
  const value = `${prefix}-${randomBytes(6).toString("hex")}`;
  secrets.set(value, new Set([...visibleTo, "admin"]));
  return value;
};
const notOwnedBy = (kind: Kind) => (persona: PersonaName) =>
  targets.filter((target) => target.kind === kind && (persona === "admin" || !target.visibleTo.includes(persona) || kind === "User"));

const RULES: Record<string, Rule> = {
  "Query.viewer": { kind: "viewer" },
  "Query.booking": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Query.bookings": { kind: "viewer" },
  "Query.earnings": { kind: "viewer" },
  "Query.mentors": { kind: "public" },
  "Query.mentorsAwaitingApproval": { kind: "admin" },
  "Query.failedEmails": { kind: "admin" },
  "Query.latestReconciliation": { kind: "admin" },
  "Query.mentorLedger": { kind: "admin" },
  "Query.problemReports": { kind: "admin" },
  "Query.disputes": { kind: "admin" },
  "Mutation.signUp": { kind: "self" },
  "Mutation.logIn": { kind: "self" },
  "Mutation.logOut": { kind: "self" },
  "Mutation.createSessionType": { kind: "self" },
  "Mutation.updateMentorProfile": { kind: "self" },
  "Mutation.updateAccount": { kind: "self" },
  "Mutation.connectStripeAccount": { kind: "self" },
  "Mutation.archiveSessionType": { kind: "target", arg: "id", of: "SessionType", targets: notOwnedBy("SessionType") },
  "Mutation.updateSessionType": { kind: "target", arg: "id", of: "SessionType", targets: notOwnedBy("SessionType") },
  // Admin operations: refused to everyone else, on every booking (their own too).
  "Mutation.adminCancelBooking": {
    kind: "target",
    arg: "id",
    of: "Booking",
    targets: (p) => (p === "admin" ? [] : targets.filter((x) => x.kind === "Booking")),
  },
  "Mutation.retryRefund": {
    kind: "target",
    arg: "id",
    of: "Booking",
    targets: (p) => (p === "admin" ? [] : targets.filter((x) => x.kind === "Booking")),
  },
  "Mutation.approveMentor": { kind: "target", arg: "userId", of: "User", targets: (p) => (p === "admin" ? [] : notOwnedBy("User")(p)) },
  "Mutation.requestBooking": {
    kind: "target",
    arg: "sessionTypeId",
    of: "SessionType",
    // Bookable session types are the public catalogue; the others must look like nothing.
    targets: (_p) => targets.filter((x) => x.kind === "SessionType" && !x.label.startsWith("bookable")),
  },
  "Mutation.cancelBooking": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.confirmBooking": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.declineBooking": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.addBookingLinks": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.scheduleSession": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.completeBooking": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.reportProblem": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  "Mutation.resolveProblemReport": {
    kind: "target",
    arg: "id",
    of: "Booking",
    targets: (p) => (p === "admin" ? [] : targets.filter((x) => x.kind === "Booking")),
  },
  "Mutation.markDisputeHandled": {
    kind: "target",
    arg: "id",
    of: "Dispute",
    targets: (p) => (p === "admin" ? [] : targets.filter((x) => x.kind === "Dispute")),
  },
  "Subscription.bookingChanged": { kind: "target", arg: "id", of: "Booking", targets: notOwnedBy("Booking") },
  // Anyone may listen; each user's events (earnings, approval) reach only that user.
  "Subscription.viewerChanged": { kind: "public" },
  "Query.apiKeys": { kind: "viewer" },
  "Mutation.createApiKey": { kind: "self" },
  // Everyone's keys but the caller's own (an admin's too: a key is its owner's alone).
  "Mutation.revokeApiKey": {
    kind: "target",
    arg: "id",
    of: "ApiKey",
    targets: (p) => targets.filter((x) => x.kind === "ApiKey" && !x.visibleTo.includes(p)),
  },
  "Query.webhookEndpoints": { kind: "viewer" },
  "Query.webhookEvents": { kind: "viewer" },
  "Query.partnerApps": { kind: "viewer" },
  "Mutation.createWebhookEndpoint": { kind: "self" },
  // Everyone's endpoints but the caller's own (an admin's too: an endpoint is its owner's alone).
  "Mutation.updateWebhookEndpoint": { kind: "target", arg: "id", of: "WebhookEndpoint", targets: (p) => othersEndpoints(p) },
  "Mutation.deleteWebhookEndpoint": { kind: "target", arg: "id", of: "WebhookEndpoint", targets: (p) => othersEndpoints(p) },
  "Mutation.revealWebhookEndpointSecret": { kind: "target", arg: "id", of: "WebhookEndpoint", targets: (p) => othersEndpoints(p) },
  "Mutation.rotateWebhookEndpointSecret": { kind: "target", arg: "id", of: "WebhookEndpoint", targets: (p) => othersEndpoints(p) },
  "Mutation.redeliverWebhookEvent": { kind: "target", arg: "endpointId", of: "WebhookEndpoint", targets: (p) => othersEndpoints(p) },
  // Mentors grant partner apps; a key that is not a partner's is no partner app for anyone, and
  // nobody else may grant or revoke.
  "Mutation.grantPartnerAccess": { kind: "target", arg: "partnerAppId", of: "PartnerApp", targets: (p) => partnerAppsRefused(p) },
  "Mutation.revokePartnerAccess": { kind: "target", arg: "partnerAppId", of: "PartnerApp", targets: (p) => partnerAppsRefused(p) },
};

function othersEndpoints(persona: PersonaName): Target[] {
  return targets.filter((x) => x.kind === "WebhookEndpoint" && !x.visibleTo.includes(persona));
}

const MENTOR_PERSONAS: PersonaName[] = ["mentorA", "mentorB", "unapproved"];
function partnerAppsRefused(persona: PersonaName): Target[] {
  return targets.filter((x) => x.kind === "PartnerApp" && !(MENTOR_PERSONAS.includes(persona) && x.label.startsWith("partner app")));
}

/** Values for arguments that are not the target, by name. */
const ARG_VALUES: Record<string, unknown> = {
  availabilityLink: "https://cal.example.com/matrix",
  meetingLink: "https://meet.example.com/matrix",
  reason: "Matrix check",
  message: "Matrix check",
  note: "Matrix check",
  first: 5,
  months: 3,
  startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  mentorId: Buffer.from("User:00000000-0000-4000-8000-000000000000").toString("base64"),
  // A valid change, so a refusal is about whose session type it is, not about the input.
  priceCents: 4200,
  name: "Matrix name",
};

const NOWHERE: Record<Kind, string> = {
  Booking: Buffer.from("Booking:00000000-0000-4000-8000-000000000000").toString("base64"),
  SessionType: Buffer.from("SessionType:00000000-0000-4000-8000-000000000000").toString("base64"),
  User: Buffer.from("User:00000000-0000-4000-8000-000000000000").toString("base64"),
  ApiKey: Buffer.from("ApiKey:00000000-0000-4000-8000-000000000000").toString("base64"),
  WebhookEndpoint: Buffer.from("WebhookEndpoint:00000000-0000-4000-8000-000000000000").toString("base64"),
  PartnerApp: Buffer.from("PartnerApp:00000000-0000-4000-8000-000000000000").toString("base64"),
  // Dispute.id is the row's own id, not a global one.
  Dispute: "00000000-0000-4000-8000-000000000000",
};

beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
  const admin = await logInAdmin(t);
  personas.anonymous = { name: "anonymous" };
  personas.admin = { name: "admin", token: admin.token, id: admin.id };
  const account = async (name: PersonaName, role: "MENTOR" | "MENTEE") => {
    const visibleName = secret(
      `name-${name}`,
      name === "unapproved" ? [name] : ["anonymous", "menteeA", "menteeB", "mentorA", "mentorB", "unapproved"],
    );
    const a: Account = await signUp(t, role, visibleName);
    secrets.set(a.email, new Set([name, "admin"]));
    personas[name] = { name, token: a.token, id: a.id };
    targets.push({ kind: "User", id: a.id, visibleTo: [name], label: `user ${name}` });
    return a;
  };
  for (const name of ["mentorA", "mentorB", "unapproved"] as const) await account(name, "MENTOR");
  for (const name of ["menteeA", "menteeB"] as const) await account(name, "MENTEE");
  for (const name of ["mentorA", "mentorB"] as const) {
    expect((await t.gql(OPS.approveMentor, { id: personas[name].id }, admin.token)).data.approveMentor.__typename).toBe(
      "ApproveMentorSuccess",
    );
  }

  const sessionType = async (owner: PersonaName, label: string, archive: boolean) => {
    const title = archive ? secret(`archived-${owner}`, [owner]) : `Offer of ${owner}`;
    const created = await t.gql(OPS.createSessionType, { title, durationMinutes: 30, priceCents: 2000 }, personas[owner].token);
    const id = created.data.createSessionType.sessionType.id as string;
    if (archive) await t.gql(`mutation($id: ID!) { archiveSessionType(id: $id) { __typename } }`, { id }, personas[owner].token);
    targets.push({ kind: "SessionType", id, visibleTo: [owner], label: `${label} of ${owner}` });
    return id;
  };
  for (const [mentor, mentee] of [
    ["mentorA", "menteeA"],
    ["mentorB", "menteeB"],
  ] as const) {
    const bookable = await sessionType(mentor, "bookable", false);
    await sessionType(mentor, "archived", true);
    for (const state of ["AWAITING_PAYMENT", "PENDING", "CONFIRMED", "COMPLETED", "DECLINED"] as const) {
      const paid = state !== "AWAITING_PAYMENT";
      const visibleTo: PersonaName[] = paid ? [mentor, mentee] : [mentee];
      const message = secret(`message-${state}`, visibleTo);
      const requested = await t.gql(OPS.requestBooking, { sessionTypeId: bookable, message }, personas[mentee].token);
      const id = requested.data.requestBooking.booking.id as string;
      secrets.set(id, new Set([...visibleTo, "admin"]));
      secrets.set(rawId(id), new Set([...visibleTo, "admin"]));
      if (paid) expect((await t.webhook(checkoutCompleted(id, 2000))).status).toBe(200);
      const mentorToken = personas[mentor].token;
      if (state === "DECLINED") await t.gql(OPS.declineBooking, { id, reason: secret("reason", visibleTo) }, mentorToken);
      if (state === "CONFIRMED" || state === "COMPLETED") {
        await t.gql(OPS.confirmBooking, { id }, mentorToken);
        await t.gql(
          OPS.addBookingLinks,
          { id, availabilityLink: `https://cal.example.com/${secret("cal", visibleTo)}`, meetingLink: "https://meet.example.com/x" },
          mentorToken,
        );
      }
      if (state === "COMPLETED") await t.gql(OPS.completeBooking, { id }, mentorToken);
      targets.push({ kind: "Booking", id, visibleTo, label: `${state} booking of ${mentee} with ${mentor}` });
    }
  }
  await sessionType("unapproved", "unapproved mentor's", false);
  // A dispute flagged for admins (as disputes.ts records one that does not match the charge).
  const disputed = targets.find((x) => x.kind === "Booking" && x.label.startsWith("CONFIRMED"))!;
  const disputedBooking = await t.db.booking.findUniqueOrThrow({ where: { id: rawId(disputed.id) } });
  const dispute = await t.db.dispute.create({
    data: {
      stripeDisputeId: "dp_matrix",
      bookingId: disputedBooking.id,
      amountCents: disputedBooking.priceCents + 1,
      currency: disputedBooking.currency,
      reason: "fraudulent",
      status: "OPEN",
      attention: "NOT_THIS_CHARGE",
    },
  });
  targets.push({ kind: "Dispute", id: dispute.id, visibleTo: [], label: "flagged dispute" });
  // API keys of two mentors and a partner key: a key's prefix is its owner's to see, its secret no one's.
  for (const owner of ["mentorA", "mentorB", "admin"] as const) {
    const created = await t.gql(
      `mutation($name: String!) { createApiKey(name: $name, scopes: [BOOKINGS_READ]) { ... on CreateApiKeySuccess { secret apiKey { id prefix } } } }`,
      { name: secret(`key-${owner}`, [owner]) },
      personas[owner].token,
    );
    const { secret: keySecret, apiKey } = created.data.createApiKey as { secret: string; apiKey: { id: string; prefix: string } };
    secrets.set(apiKey.prefix, new Set([owner]));
    secrets.set(keySecret, new Set());
    targets.push({ kind: "ApiKey", id: apiKey.id, visibleTo: [owner], label: `API key of ${owner}` });
    // The admin's key is a partner app: mentors see its name to grant it access; the others' keys are no partner app.
    const appId = Buffer.from(`PartnerApp:${rawId(apiKey.id)}`).toString("base64");
    targets.push({
      kind: "PartnerApp",
      id: appId,
      visibleTo: owner === "admin" ? MENTOR_PERSONAS : [],
      label: owner === "admin" ? "partner app of admin" : `non-partner key of ${owner}`,
    });
    if (owner === "admin") {
      for (const [value, allowed] of secrets) if (value.startsWith("key-admin")) for (const p of MENTOR_PERSONAS) allowed.add(p);
    }
  }
  // Webhook endpoints of two mentors and the admin: URL and description are their owner's; the signing secret too.
  for (const owner of ["mentorA", "mentorB", "admin"] as const) {
    const created = await t.gql(
      `mutation($url: String!, $d: String) { createWebhookEndpoint(url: $url, eventTypes: [BOOKING_PAID], description: $d) {
        __typename ... on CreateWebhookEndpointSuccess { secret endpoint { id } } } }`,
      { url: `https://${secret(`hooks-${owner}`, [owner])}.example.com/in`, d: secret(`endpoint-${owner}`, [owner]) },
      personas[owner].token,
    );
    expect(created.data.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointSuccess");
    const { secret: signing, endpoint } = created.data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
    secrets.set(signing, new Set([owner]));
    targets.push({ kind: "WebhookEndpoint", id: endpoint.id, visibleTo: [owner], label: `webhook endpoint of ${owner}` });
  }
  const anEvent = await t.db.webhookEvent.findFirstOrThrow({ orderBy: { seq: "asc" } });
  ARG_VALUES.eventId = Buffer.from(`WebhookEvent:${anEvent.id}`).toString("base64");

  const introspection = await t.gql(getIntrospectionQuery());
  expect(introspection.errors).toBeUndefined();
  schema = buildClientSchema(introspection.data);
}, 120_000);
afterAll(() => t?.stop());

function rootFields(): { key: string; operation: "query" | "mutation" | "subscription"; field: GraphQLField<unknown, unknown> }[] {
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ key: `${type.name}.${field.name}`, operation, field })) : [],
  );
}

/** Every field the schema offers under `type`, to `depth` levels (fields with required arguments left out). */
function selection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return "";
  if (isUnionType(type))
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selection(member, depth)}`)
      .join(" ")} }`;
  if (!isObjectType(type) && !isInterfaceType(type)) return "";
  const parts = ["__typename"];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 1) {
      const args = field.args.some((arg) => arg.name === "first") ? "(first: 3)" : "";
      parts.push(`${field.name}${args} ${selection(named, depth - 1)}`);
    }
  }
  if (isInterfaceType(type)) for (const impl of schema.getPossibleTypes(type)) parts.push(`... on ${impl.name} ${selection(impl, depth)}`);
  return `{ ${parts.join(" ")} }`;
}

function argValue(arg: GraphQLArgument, key: string): unknown {
  if (arg.name in ARG_VALUES) return ARG_VALUES[arg.name];
  const named = getNamedType(arg.type);
  if (isEnumType(named))
    return isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? [named.getValues()[0]!.value] : named.getValues()[0]!.value;
  if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) return undefined;
  if (isInputObjectType(named)) return {};
  throw new Error(`${key}: no test value for the required argument "${arg.name}"; add one to ARG_VALUES`);
}

/** `thin`: only `__typename` under the root field, as a client that just checks the outcome asks. */
function document(entry: ReturnType<typeof rootFields>[number], targetArg?: string, thin = false) {
  const args = entry.field.args;
  const variables = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(", ");
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const values: Record<string, unknown> = {};
  for (const arg of args) if (arg.name !== targetArg) values[arg.name] = argValue(arg, entry.key);
  const depth = entry.operation === "query" ? 3 : 4;
  const type = getNamedType(entry.field.type);
  const selected = thin && !isLeafType(type) ? "{ __typename }" : selection(type, depth);
  const query = `${entry.operation}${variables ? `(${variables})` : ""} { ${entry.field.name}${passed ? `(${passed})` : ""} ${selected} }`;
  return { query, values };
}

function leaksIn(persona: PersonaName, answer: unknown): string[] {
  const text = JSON.stringify(answer) ?? "";
  return [...secrets].filter(([value, allowed]) => !allowed.has(persona) && text.includes(value)).map(([value]) => value);
}

const PERSONAS: PersonaName[] = ["anonymous", "menteeA", "menteeB", "mentorA", "mentorB", "unapproved", "admin"];

describe("authorization matrix over the served schema", () => {
  it("has a rule for every query, mutation and subscription field", () => {
    const missing = rootFields()
      .map((f) => f.key)
      .filter((key) => !(key in RULES));
    expect(missing, "add these fields to RULES in test/authorization-matrix.test.ts").toEqual([]);
    const stale = Object.keys(RULES).filter((key) => !rootFields().some((f) => f.key === key));
    expect(stale).toEqual([]);
  });

  it("reads leak nothing, and an admin-only read gives others nothing", async () => {
    const problems: string[] = [];
    for (const entry of rootFields().filter((f) => f.operation === "query")) {
      const rule = RULES[entry.key]!;
      for (const persona of PERSONAS) {
        const { query, values } = document(entry, rule.kind === "target" ? rule.arg : undefined);
        const aims = rule.kind === "target" ? rule.targets(persona) : [undefined];
        for (const target of aims) {
          const variables = target && rule.kind === "target" ? { ...values, [rule.arg]: target.id } : values;
          const answer = await t.gql(query, variables, personas[persona].token);
          if (answer.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR"))
            problems.push(`${entry.key} as ${persona}: internal error`);
          for (const leak of leaksIn(persona, answer))
            problems.push(`${entry.key} as ${persona}${target ? ` on ${target.label}` : ""} leaks ${leak}`);
          if (rule.kind === "admin" && persona !== "admin" && answer.data?.[entry.field.name])
            problems.push(`${entry.key} answers ${persona}`);
          if (target && !target.visibleTo.includes(persona) && persona !== "admin" && answer.data?.[entry.field.name] !== null) {
            problems.push(`${entry.key} as ${persona} shows ${target.label}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("every read answers a selection of only __typename, for the admin and for each target's owner", async () => {
    const problems: string[] = [];
    for (const entry of rootFields().filter((f) => f.operation === "query")) {
      const rule = RULES[entry.key]!;
      for (const persona of PERSONAS) {
        const { query, values } = document(entry, rule.kind === "target" ? rule.arg : undefined, true);
        const aims =
          rule.kind === "target"
            ? rule.targets(persona).filter((target) => target.visibleTo.includes(persona) || persona === "admin")
            : [undefined];
        for (const target of aims) {
          const variables = target && rule.kind === "target" ? { ...values, [rule.arg]: target.id } : values;
          const answer = await t.gql(query, variables, personas[persona].token);
          const internal = answer.errors?.find((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
          if (internal) problems.push(`${entry.key} as ${persona}${target ? ` on ${target.label}` : ""}: ${internal.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("mutations aimed at what is not the caller's answer like a missing id, leak nothing and change nothing", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const entry of rootFields().filter((f) => f.operation === "mutation")) {
      const rule = RULES[entry.key]!;
      for (const persona of PERSONAS) {
        if (rule.kind !== "target") continue;
        const { query, values } = document(entry, rule.arg);
        const missing = await t.gql(query, { ...values, [rule.arg]: NOWHERE[rule.of] }, personas[persona].token);
        const before = await dbFingerprint(t.db);
        for (const target of rule.targets(persona)) {
          const answer = await t.gql(query, { ...values, [rule.arg]: target.id }, personas[persona].token);
          checked++;
          for (const leak of leaksIn(persona, answer)) problems.push(`${entry.key} as ${persona} on ${target.label} leaks ${leak}`);
          if (answer.errors?.length) problems.push(`${entry.key} as ${persona} on ${target.label}: ${answer.errors[0]!.message}`);
          const hidden = persona !== "admin" && !target.visibleTo.includes(persona);
          // extensions.cost differs by what the caller's budget had left, not by the target.
          const shown = ({ data, errors }: typeof answer) => JSON.stringify({ data, errors });
          if (hidden && shown(answer) !== shown(missing)) {
            problems.push(
              `${entry.key} as ${persona} on ${target.label} answers ${JSON.stringify(answer.data)} but ${JSON.stringify(missing.data)} for a missing id`,
            );
          }
          const typename = (answer.data?.[entry.field.name] as { __typename?: string } | null)?.__typename ?? "";
          if (!/Error$/.test(typename)) problems.push(`${entry.key} as ${persona} on ${target.label} succeeded (${typename})`);
        }
        const after = await dbFingerprint(t.db);
        for (const table of Object.keys(before))
          if (before[table] !== after[table]) problems.push(`${entry.key} as ${persona} changed ${table}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  }, 180_000);

  it("subscriptions deliver nothing about what the caller may not see", async () => {
    const problems: string[] = [];
    const feeds: { persona: PersonaName; target?: Target; feed: ReturnType<typeof subscribe> }[] = [];
    for (const entry of rootFields().filter((f) => f.operation === "subscription")) {
      const rule = RULES[entry.key]!;
      for (const persona of PERSONAS) {
        const ws = t.ws(personas[persona].token);
        if (personas[persona].token) await connected(ws);
        const { query, values } = document(entry, rule.kind === "target" ? rule.arg : undefined);
        feeds.push({ persona, feed: subscribe(ws, query, values) });
        if (rule.kind === "target") {
          for (const target of rule.targets(persona))
            feeds.push({ persona, target, feed: subscribe(ws, query, { ...values, [rule.arg]: target.id }) });
        }
      }
    }
    await sleep(300);
    // A change to every confirmed booking (links again) and a new payment on each side.
    for (const target of targets.filter((x) => x.kind === "Booking" && x.label.startsWith("CONFIRMED"))) {
      const mentor = target.label.endsWith("mentorA") ? personas.mentorA : personas.mentorB;
      const changed = await t.gql(
        OPS.addBookingLinks,
        { id: target.id, availabilityLink: "https://cal.example.com/again", meetingLink: "https://meet.example.com/again" },
        mentor.token,
      );
      expect(changed.data.addBookingLinks.__typename).toBe("AddBookingLinksSuccess");
    }
    await sleep(500);
    let delivered = 0;
    for (const { persona, target, feed } of feeds) {
      const withData = feed.events.filter((event) => event.data);
      delivered += withData.length;
      for (const event of feed.events) {
        for (const leak of leaksIn(persona, event)) problems.push(`bookingChanged as ${persona} leaks ${leak}`);
      }
      if (target && persona !== "admin" && !target.visibleTo.includes(persona) && withData.length > 0) {
        problems.push(`bookingChanged as ${persona} delivered ${target.label}`);
      }
    }
    expect(delivered).toBeGreaterThan(0); // the owners did hear about their changes
    expect(problems).toEqual([]);
  }, 60_000);
});
