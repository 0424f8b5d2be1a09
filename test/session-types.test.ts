// Changing what one offers and who one is: updateSessionType (the mentor's own active session
// types; existing bookings keep their snapshot) and updateAccount (anyone's own name). Refusals
// change nothing anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking, requestBooking, signUp } from "./support/fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

const UPDATE = `mutation($id: ID!, $title: String, $durationMinutes: Int, $priceCents: Int) {
  updateSessionType(id: $id, title: $title, durationMinutes: $durationMinutes, priceCents: $priceCents) {
    __typename
    ... on UpdateSessionTypeSuccess { sessionType { id title durationMinutes price { amountCents } active } }
    ... on ValidationError { field rule }
    ... on Error { code }
  } }`;

const UPDATE_ACCOUNT = `mutation($name: String!) { updateAccount(name: $name) {
  __typename
  ... on UpdateAccountSuccess { user { id name } }
  ... on ValidationError { field rule }
  ... on Error { code }
} }`;

const BOOKING = `query($id: ID!) { booking(id: $id) { title durationMinutes price { amountCents } mentor { name } mentee { name } } }`;

const apiKey = async (token: string) => {
  const created = await t.gql(
    `mutation { createApiKey(name: "Edit", scopes: [CATALOG_READ, BOOKINGS_READ, BOOKINGS_WRITE, EARNINGS_READ]) { ... on CreateApiKeySuccess { secret } } }`,
    {},
    token,
  );
  return created.data.createApiKey.secret as string;
};

describe("updateSessionType", () => {
  it("changes what new bookings copy; an existing booking keeps its title, duration and price", async () => {
    const m = await marketplace(t, 5000);
    const before = await paidBooking(t, m);
    const result = await t.gql(UPDATE, { id: m.sessionTypeId, title: "  Career chat, longer ", priceCents: 7500 }, m.mentor.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.updateSessionType).toEqual({
      __typename: "UpdateSessionTypeSuccess",
      sessionType: { id: m.sessionTypeId, title: "Career chat, longer", durationMinutes: 45, price: { amountCents: 7500 }, active: true },
    });
    const old = await t.gql(BOOKING, { id: before }, m.mentee.token);
    expect(old.data.booking).toMatchObject({ title: "Career chat", durationMinutes: 45, price: { amountCents: 5000 } });
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    expect(booking).toMatchObject({ title: "Career chat, longer", durationMinutes: 45, price: { amountCents: 7500 } });

    // One argument alone changes only itself.
    const duration = await t.gql(UPDATE, { id: m.sessionTypeId, durationMinutes: 60 }, m.mentor.token);
    expect(duration.data.updateSessionType.sessionType).toMatchObject({
      title: "Career chat, longer",
      durationMinutes: 60,
      price: { amountCents: 7500 },
    });
    const catalogue = await t.gql(`{ mentors(first: 100) { edges { node { sessionTypes { id price { amountCents } } } } } }`);
    expect(catalogue.data.mentors.edges.flatMap((e: any) => e.node.sessionTypes)).toContainEqual({
      id: m.sessionTypeId,
      price: { amountCents: 7500 },
    });
  });

  it("validates like createSessionType and needs at least one change, changing nothing when refused", async () => {
    const m = await marketplace(t);
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, "title", "REQUIRED"],
      [{ title: " " }, "title", "REQUIRED"],
      [{ title: "x".repeat(121) }, "title", "MAX_LENGTH"],
      [{ title: "two\nlines" }, "title", "CHARACTERS"],
      [{ durationMinutes: 5 }, "durationMinutes", "RANGE"],
      [{ durationMinutes: 481 }, "durationMinutes", "RANGE"],
      [{ priceCents: 99 }, "priceCents", "RANGE"],
      [{ priceCents: -5 }, "priceCents", "RANGE"],
      [{ priceCents: 1_000_001 }, "priceCents", "RANGE"],
      // A valid change beside an invalid one is not made either.
      [{ title: "Fine", priceCents: 0 }, "priceCents", "RANGE"],
    ];
    const before = await dbFingerprint(t.db);
    for (const [variables, field, rule] of cases) {
      const result = await t.gql(UPDATE, { id: m.sessionTypeId, ...variables }, m.mentor.token);
      expect(result.errors, JSON.stringify(variables)).toBeUndefined();
      expect(result.data.updateSessionType, JSON.stringify(variables)).toEqual({
        __typename: "ValidationError",
        code: "INVALID_INPUT",
        field,
        rule,
      });
    }
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it("refuses others, the archived and API keys with typed errors, changing nothing", async () => {
    const m = await marketplace(t);
    const otherMentor = await signUp(t, "MENTOR");
    const archived = await t.gql(OPS.createSessionType, { title: "Old", durationMinutes: 30, priceCents: 1000 }, m.mentor.token);
    const archivedId = archived.data.createSessionType.sessionType.id;
    await t.gql(`mutation($id: ID!) { archiveSessionType(id: $id) { __typename } }`, { id: archivedId }, m.mentor.token);
    const key = await apiKey(m.mentor.token);
    // An API key's row records its use (lastUsedAt); nothing else may move.
    const before = await dbFingerprint(t.db, ["ApiKey"]);
    const cases: [string | undefined, string, Record<string, unknown>][] = [
      [otherMentor.token, m.sessionTypeId, { __typename: "NotFoundError", code: "NOT_FOUND" }],
      [m.mentee.token, m.sessionTypeId, { __typename: "NotAuthorizedError", code: "FORBIDDEN" }],
      [m.admin.token, m.sessionTypeId, { __typename: "NotAuthorizedError", code: "FORBIDDEN" }],
      [undefined, m.sessionTypeId, { __typename: "NotAuthenticatedError", code: "UNAUTHENTICATED" }],
      [m.mentor.token, archivedId, { __typename: "SessionTypeArchivedError", code: "INVALID_STATE" }],
      [m.mentor.token, "not-an-id", { __typename: "NotFoundError", code: "NOT_FOUND" }],
    ];
    for (const [token, id, expected] of cases) {
      const result = await t.gql(UPDATE, { id, priceCents: 100 }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.updateSessionType).toEqual(expected);
    }
    // Another mentor's session type answers exactly like one that does not exist.
    const missing = await t.gql(
      UPDATE,
      { id: Buffer.from("SessionType:00000000-0000-4000-8000-000000000000").toString("base64"), priceCents: 100 },
      otherMentor.token,
    );
    expect(missing.data.updateSessionType).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const byKey = await t.gql(UPDATE, { id: m.sessionTypeId, priceCents: 100 }, key);
    expect(byKey.data).toBeNull();
    expect(byKey.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "session" });
    expect(await dbFingerprint(t.db, ["ApiKey"])).toEqual(before);
  });

  it("tells open mentors lists to refetch", async () => {
    const m = await marketplace(t);
    const ws = t.ws();
    await connected(ws);
    const feed = subscribe(ws, `subscription { viewerChanged { kind } }`);
    await sleep(200); // the subscription is registered
    const result = await t.gql(UPDATE, { id: m.sessionTypeId, priceCents: 6100 }, m.mentor.token);
    expect(result.data.updateSessionType.__typename).toBe("UpdateSessionTypeSuccess");
    await feed.next(1);
    expect(feed.events.map((e: any) => e.data?.viewerChanged.kind)).toContain("MENTORS");
  });
});

describe("updateAccount", () => {
  it("changes the viewer's own name, normalised, and their bookings show it", async () => {
    const m = await marketplace(t);
    const id = await paidBooking(t, m);
    const result = await t.gql(UPDATE_ACCOUNT, { name: "  Jose\u0301 Mentee " }, m.mentee.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.updateAccount).toEqual({ __typename: "UpdateAccountSuccess", user: { id: m.mentee.id, name: "Jos\u00e9 Mentee" } });
    const mentor = await t.gql(UPDATE_ACCOUNT, { name: "Dr Mentor" }, m.mentor.token);
    expect(mentor.data.updateAccount.user).toEqual({ id: m.mentor.id, name: "Dr Mentor" });
    const booking = await t.gql(BOOKING, { id }, m.mentor.token);
    expect(booking.data.booking).toMatchObject({ mentor: { name: "Dr Mentor" }, mentee: { name: "Jos\u00e9 Mentee" } });
    const admin = await t.gql(UPDATE_ACCOUNT, { name: "Our admin" }, m.admin.token);
    expect(admin.data.updateAccount.user.name).toBe("Our admin");
  });

  it("validates the name like signUp and refuses the anonymous and API keys, changing nothing", async () => {
    const mentee = await signUp(t, "MENTEE");
    const key = await apiKey((await signUp(t, "MENTOR")).token);
    const before = await dbFingerprint(t.db, ["ApiKey"]);
    const cases: [string | undefined, string, Record<string, unknown>][] = [
      [mentee.token, "   ", { __typename: "ValidationError", field: "name", rule: "REQUIRED" }],
      [mentee.token, "x".repeat(101), { __typename: "ValidationError", field: "name", rule: "MAX_LENGTH" }],
      [mentee.token, "two\nlines", { __typename: "ValidationError", field: "name", rule: "CHARACTERS" }],
      [mentee.token, "bad\u0000byte", { __typename: "ValidationError", field: "name", rule: "CHARACTERS" }],
      [mentee.token, "lone \uD800", { __typename: "ValidationError", field: "name", rule: "UNICODE" }],
      [undefined, "Nobody", { __typename: "NotAuthenticatedError", code: "UNAUTHENTICATED" }],
    ];
    for (const [token, name, expected] of cases) {
      const result = await t.gql(UPDATE_ACCOUNT, { name }, token);
      expect(result.errors, name).toBeUndefined();
      expect(result.data.updateAccount, name).toMatchObject(expected);
    }
    const byKey = await t.gql(UPDATE_ACCOUNT, { name: "From a key" }, key);
    expect(byKey.data).toBeNull();
    expect(byKey.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "session" });
    expect(await dbFingerprint(t.db, ["ApiKey"])).toEqual(before);
  });
});
