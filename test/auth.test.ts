// Accounts and tokens: sign up, log in, bearer tokens (stored hashed, revocable), roles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN, ADMIN_VARS, logInAdmin, OPS, PASSWORD, signUp } from "./support/fixtures.ts";
import { authenticate, hashToken } from "../server/accounts/auth.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

const VIEWER = `{ viewer { id name role email mentorProfile { approved } } }`;

describe("accounts", () => {
  it("signs up and logs in, storing only hashes", async () => {
    const result = await t.gql(OPS.signUp, { email: " New.Person@Example.com ", password: PASSWORD, name: " New Person ", role: "MENTEE" });
    expect(result.data.signUp.__typename).toBe("SignUpSuccess");
    const token: string = result.data.signUp.token;
    const me = await t.gql(VIEWER, {}, token);
    expect(me.data.viewer).toMatchObject({ name: "New Person", role: "MENTEE", email: "new.person@example.com", mentorProfile: null });

    const user = await t.db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    const stored = await t.db.authToken.findMany({ where: { userId: user.id } });
    expect(stored.map((s) => s.tokenHash)).toEqual([hashToken(token)]);

    const logIn = await t.gql(OPS.logIn, { email: "NEW.person@example.com", password: PASSWORD });
    expect(logIn.data.logIn.__typename).toBe("LogInSuccess");
    expect(logIn.data.logIn.token).not.toBe(token);
  });

  it("refuses bad sign-ups with the rule that failed, creating nothing", async () => {
    const taken = await signUp(t, "MENTEE");
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ email: "not-an-email", password: PASSWORD, name: "A", role: "MENTEE" }, "ValidationError", "email"],
      [{ email: "short@example.com", password: "123456789", name: "A", role: "MENTEE" }, "ValidationError", "password"],
      [{ email: "long@example.com", password: "x".repeat(257), name: "A", role: "MENTEE" }, "ValidationError", "password"],
      [{ email: "noname@example.com", password: PASSWORD, name: "  ", role: "MENTOR" }, "ValidationError", "name"],
      [{ email: "nul@example.com", password: PASSWORD, name: "Nul\u0000", role: "MENTOR" }, "ValidationError", "name"],
      [{ email: "nul\u0000@example.com", password: PASSWORD, name: "Nul", role: "MENTOR" }, "ValidationError", "email"],
      [{ email: taken.email.toUpperCase(), password: PASSWORD, name: "Twin", role: "MENTEE" }, "EmailTakenError", undefined],
    ];
    const before = await t.db.user.count();
    for (const [variables, typename, field] of cases) {
      const result = await t.gql(OPS.signUp, variables);
      expect(result.errors).toBeUndefined();
      expect(result.data.signUp.__typename).toBe(typename);
      if (field) expect(result.data.signUp.field).toBe(field);
    }
    expect(await t.db.user.count()).toBe(before);
    // ADMIN is not a role anyone can sign up for.
    const admin = await t.gql(OPS.signUp, { email: "x@example.com", password: PASSWORD, name: "X", role: "ADMIN" });
    expect(admin.errors?.[0]?.message).toMatch(/SignUpRole/);
    expect(await t.db.user.count()).toBe(before);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await signUp(t, "MENTEE");
    const wrong = await t.gql(OPS.logIn, { email: user.email, password: "wrong password!" });
    const unknown = await t.gql(OPS.logIn, { email: "nobody@example.com", password: PASSWORD });
    expect(wrong.data.logIn).toEqual(unknown.data.logIn);
    expect(wrong.data.logIn).toMatchObject({ __typename: "InvalidCredentialsError", code: "INVALID_CREDENTIALS" });
  });

  it("revokes a token on log out, over HTTP and WebSocket", async () => {
    const user = await signUp(t, "MENTOR");
    const other = await t.gql(OPS.logIn, { email: user.email, password: PASSWORD });
    const secondToken = other.data.logIn.token;
    const out = await t.gql(`mutation { logOut { __typename ... on LogOutSuccess { revoked } } }`, {}, user.token);
    expect(out.data.logOut).toEqual({ __typename: "LogOutSuccess", revoked: true });
    // The revoked token is refused (HTTP 401, UNAUTHENTICATED), not taken for an anonymous caller.
    const revoked = await t.gql(VIEWER, {}, user.token);
    expect(revoked.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(revoked.data ?? null).toBeNull();
    expect((await t.gql(VIEWER, {}, secondToken)).data.viewer.id).toBe(user.id);
    const anonymousOut = await t.gql(`mutation { logOut { __typename } }`);
    expect(anonymousOut.data.logOut.__typename).toBe("NotAuthenticatedError");

    // A WebSocket with a revoked token is refused at connection time (4401 Unauthorized).
    const ws = t.ws(user.token);
    await expect(connected(ws)).rejects.toThrow(/4401/);
  });

  it("takes a session token until it expires or is revoked, read directly or inside a transaction alike", async () => {
    const user = await signUp(t, "MENTEE");
    const row = await t.db.authToken.findUniqueOrThrow({ where: { tokenHash: hashToken(user.token) } });
    const expect401 = async () => {
      const refused = await t.gql(VIEWER, {}, user.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    };
    // The read the server makes (sent to the driver) and the Prisma read a transaction makes agree.
    const both = async () => [
      await authenticate(t.db, `Bearer ${user.token}`).catch((error: Error) => error.constructor.name),
      await t.db.$transaction((tx) => authenticate(tx as never, `Bearer ${user.token}`)).catch((error: Error) => error.constructor.name),
    ];
    const viewer = { id: row.userId, role: "MENTEE", tokenId: row.id };
    expect(await both()).toEqual([viewer, viewer]);

    // (Over HTTP a valid token is then trusted for a few seconds per instance: not asked here first.)
    await t.db.authToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await both()).toEqual(["InvalidCredentialError", "InvalidCredentialError"]);
    await expect401();
    await t.db.authToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() + 60_000), revokedAt: new Date() } });
    expect(await both()).toEqual(["InvalidCredentialError", "InvalidCredentialError"]);
    await expect401();
    expect(await authenticate(t.db, "Bearer mb_not-a-token").catch((error: Error) => error.constructor.name)).toBe(
      "InvalidCredentialError",
    );
  });

  it("keeps email addresses private and admin queries for admins", async () => {
    const mentor = await signUp(t, "MENTOR");
    const mentee = await signUp(t, "MENTEE");
    const admin = await logInAdmin(t);
    const pending = `{ mentorsAwaitingApproval(first: 100) { edges { node { id email } } } }`;
    expect((await t.gql(pending, {}, mentee.token)).errors?.[0]?.message).toBeDefined();
    expect((await t.gql(pending, {}, mentee.token)).data).toBeNull();
    const asAdmin = await t.gql(pending, {}, admin.token);
    expect(asAdmin.data.mentorsAwaitingApproval.edges.map((e: any) => e.node)).toContainEqual({ id: mentor.id, email: mentor.email });

    // Not listed until approved; approval is admin-only and idempotent.
    const mentors = `{ mentors(first: 100) { edges { node { id email } } } }`;
    const ids = async () => (await t.gql(mentors, {}, mentee.token)).data.mentors.edges.map((e: any) => e.node.id);
    expect(await ids()).not.toContain(mentor.id);
    const byMentor = await t.gql(OPS.approveMentor, { id: mentor.id }, mentor.token);
    expect(byMentor.data.approveMentor.__typename).toBe("NotAuthorizedError");
    const byNobody = await t.gql(OPS.approveMentor, { id: mentor.id });
    expect(byNobody.data.approveMentor.__typename).toBe("NotAuthenticatedError");
    const notAMentor = await t.gql(OPS.approveMentor, { id: mentee.id }, admin.token);
    expect(notAMentor.data.approveMentor.__typename).toBe("NotFoundError");
    for (let i = 0; i < 2; i++) {
      const approved = await t.gql(OPS.approveMentor, { id: mentor.id }, admin.token);
      expect(approved.data.approveMentor.mentor.mentorProfile.approved).toBe(true);
    }
    expect(await ids()).toContain(mentor.id);
    const listed = (await t.gql(mentors, {}, mentee.token)).data.mentors.edges.find((e: any) => e.node.id === mentor.id);
    expect(listed.node.email).toBeNull();
  });

  it("ensures the configured admin account once", async () => {
    expect(await t.db.user.count({ where: { email: ADMIN.email, role: "ADMIN" } })).toBe(1);
  });

  it("refuses anonymous subscriptions", async () => {
    const ws = t.ws();
    await connected(ws);
    const feed = subscribe(ws, OPS.bookingChanged);
    const [first] = await feed.next(1, 2000);
    expect(first!.data ?? null).toBeNull();
    expect(first!.errors?.[0]?.message).toMatch(/Not authorized/);
  });
});

describe("limits", () => {
  it("refuses overly deep and overly long documents", async () => {
    const deep = `{ viewer { sessionTypes { mentor { sessionTypes { mentor { sessionTypes { mentor { sessionTypes { mentor { sessionTypes { mentor { id } } } } } } } } } } } }`;
    const result = await t.gql(deep);
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/);
    const long = `{ ${"viewer { id } ".repeat(800)} }`;
    expect((await t.gql(long)).errors?.[0]?.message).toMatch(/token/i);
  });

  it("masks unexpected errors", async () => {
    const result = await t.gql(`{ booking(id: "Qm9va2luZzo=") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.booking).toBeNull();
  });
});
