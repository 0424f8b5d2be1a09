// The schema's conventions as callers meet them: a mentor sets their headline (validated like
// all text), a refusal names the refused action as a BookingAction, `bookings` has one status
// filter (one value or several), lists of mentors awaiting approval page, and an id that is not
// one is NOT_FOUND, like an unknown one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking, signUp } from "./support/fixtures.ts";

let t: TestApp;
let m: Awaited<ReturnType<typeof marketplace>>;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
  m = await marketplace(t);
});
afterAll(() => t?.stop());

const UPDATE = `mutation($headline: String) { updateMentorProfile(headline: $headline) {
  __typename
  ... on UpdateMentorProfileSuccess { mentor { id mentorProfile { headline } } }
  ... on ValidationError { field rule }
  ... on Error { code }
} }`;

describe("updateMentorProfile", () => {
  it("sets the mentor's headline, normalised and trimmed, and the catalogue shows it", async () => {
    const result = await t.gql(UPDATE, { headline: "  Staff engineer, Jose\u0301's mentor  " }, m.mentor.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.updateMentorProfile).toEqual({
      __typename: "UpdateMentorProfileSuccess",
      mentor: { id: m.mentor.id, mentorProfile: { headline: "Staff engineer, Jos\u00e9's mentor" } },
    });
    const listed = await t.gql(`{ mentors(first: 100) { edges { node { id mentorProfile { headline } } } } }`, {}, m.mentee.token);
    expect(listed.data.mentors.edges.map((e: any) => e.node)).toContainEqual({
      id: m.mentor.id,
      mentorProfile: { headline: "Staff engineer, Jos\u00e9's mentor" },
    });
    // Omitted: left as it is; empty: cleared.
    const untouched = await t.gql(UPDATE, {}, m.mentor.token);
    expect(untouched.data.updateMentorProfile.mentor.mentorProfile.headline).toBe("Staff engineer, Jos\u00e9's mentor");
    const cleared = await t.gql(UPDATE, { headline: "   " }, m.mentor.token);
    expect(cleared.data.updateMentorProfile.mentor.mentorProfile.headline).toBe("");
  });

  it("refuses bad text with its rule and others with their role, changing nothing", async () => {
    await t.gql(UPDATE, { headline: "Before" }, m.mentor.token);
    const profile = () => t.db.mentorProfile.findMany({ orderBy: { userId: "asc" } });
    const before = await profile();
    const cases: [string | undefined, string, Record<string, unknown>][] = [
      [m.mentor.token, "x".repeat(161), { __typename: "ValidationError", field: "headline", rule: "MAX_LENGTH" }],
      [m.mentor.token, "two\nlines", { __typename: "ValidationError", field: "headline", rule: "CHARACTERS" }],
      [m.mentor.token, "bad\u0000byte", { __typename: "ValidationError", field: "headline", rule: "CHARACTERS" }],
      [m.mentor.token, "lone \uD800", { __typename: "ValidationError", field: "headline", rule: "UNICODE" }],
      [m.mentee.token, "A mentee", { __typename: "NotAuthorizedError", code: "FORBIDDEN" }],
      [m.admin.token, "An admin", { __typename: "NotAuthorizedError", code: "FORBIDDEN" }],
      [undefined, "Nobody", { __typename: "NotAuthenticatedError", code: "UNAUTHENTICATED" }],
    ];
    for (const [token, headline, expected] of cases) {
      const result = await t.gql(UPDATE, { headline }, token);
      expect(result.errors, headline).toBeUndefined();
      expect(result.data.updateMentorProfile, headline).toMatchObject(expected);
    }
    expect(await profile()).toEqual(before);
  });

  it("is refused to an API key (a person's session only)", async () => {
    const created = await t.gql(
      `mutation { createApiKey(name: "Profile", scopes: [CATALOG_READ, BOOKINGS_READ, BOOKINGS_WRITE, EARNINGS_READ]) { ... on CreateApiKeySuccess { secret } } }`,
      {},
      m.mentor.token,
    );
    const result = await t.gql(UPDATE, { headline: "From a key" }, created.data.createApiKey.secret);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "session" });
  });
});

describe("result unions", () => {
  it("names the refused action as a BookingAction, and a malformed id is NOT_FOUND", async () => {
    const id = await paidBooking(t, m);
    expect((await t.gql(OPS.confirmBooking, { id }, m.mentor.token)).data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    const again = await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
    expect(again.data.confirmBooking).toMatchObject({
      __typename: "InvalidTransitionError",
      action: "CONFIRM",
      currentStatus: "CONFIRMED",
    });
    const early = await t.gql(OPS.completeBooking, { id }, m.mentor.token);
    expect(early.data.completeBooking).toMatchObject({
      __typename: "InvalidTransitionError",
      action: "COMPLETE",
      currentStatus: "CONFIRMED",
    });
    const decline = await t.gql(OPS.declineBooking, { id }, m.mentor.token);
    expect(decline.data.declineBooking).toMatchObject({
      __typename: "InvalidTransitionError",
      action: "DECLINE",
      currentStatus: "CONFIRMED",
    });
    for (const bad of ["not-an-id", Buffer.from("Booking:nope").toString("base64"), m.sessionTypeId]) {
      const result = await t.gql(OPS.cancelBooking, { id: bad }, m.mentee.token);
      expect(result.errors).toBeUndefined();
      expect(result.data.cancelBooking).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    }
    const archive = await t.gql(`mutation { archiveSessionType(id: "nope") { __typename ... on Error { code } } }`, {}, m.mentor.token);
    expect(archive.data.archiveSessionType).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
  });
});

describe("lists", () => {
  it("filters bookings by one status or several, with one argument", async () => {
    const pending = await paidBooking(t, m);
    const query = `query($status: [BookingStatus!]) { bookings(first: 100, status: $status) { totalCount edges { node { id status } } } }`;
    const one = await t.gql(`{ bookings(first: 100, status: PENDING) { totalCount edges { node { id status } } } }`, {}, m.mentor.token);
    expect(one.errors).toBeUndefined();
    expect(one.data.bookings.edges.map((e: any) => e.node.status)).toEqual(Array(one.data.bookings.totalCount).fill("PENDING"));
    expect(one.data.bookings.edges.map((e: any) => e.node.id)).toContain(pending);
    const several = await t.gql(query, { status: ["PENDING", "CONFIRMED"] }, m.mentor.token);
    const all = await t.gql(query, {}, m.mentor.token);
    const none = await t.gql(query, { status: [] }, m.mentor.token);
    const statuses = new Set(several.data.bookings.edges.map((e: any) => e.node.status));
    expect([...statuses].sort()).toEqual(["CONFIRMED", "PENDING"]);
    expect(all.data.bookings.totalCount).toBeGreaterThan(several.data.bookings.totalCount - 1);
    expect(none.data.bookings.totalCount).toBe(all.data.bookings.totalCount);
  });

  it("pages mentors awaiting approval, oldest first", async () => {
    const waiting = [await signUp(t, "MENTOR"), await signUp(t, "MENTOR"), await signUp(t, "MENTOR")];
    const page = `query($after: String) { mentorsAwaitingApproval(first: 2, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i += 1) {
      const result: any = await t.gql(page, { after }, m.admin.token);
      expect(result.errors).toBeUndefined();
      expect(result.data.mentorsAwaitingApproval.edges.length).toBeLessThanOrEqual(2);
      seen.push(...result.data.mentorsAwaitingApproval.edges.map((e: any) => e.node.id));
      if (!result.data.mentorsAwaitingApproval.pageInfo.hasNextPage) break;
      after = result.data.mentorsAwaitingApproval.pageInfo.endCursor;
    }
    const mine = seen.filter((id) => waiting.some((w) => w.id === id));
    expect(mine).toEqual(waiting.map((w) => w.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
