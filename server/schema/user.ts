// User, MentorProfile; viewer, mentors, sign up / log in / log out, the account's name, mentor approval.
import { readMentorsPage } from "../accounts/mentors-page.ts";
import { builder, connectionCost } from "./builder.ts";
import { RoleEnum, SignUpRoleEnum } from "./enums.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import {
  EmailTakenError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from "../shared/errors.ts";
import { approveMentor, logIn, logOut, signUp, updateAccount, updateMentorProfile, type AuthResult } from "../accounts/account-commands.ts";
import { publishViewerChange } from "../pubsub.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  description: "A person: a mentee, a mentor or an admin.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "Shown to others: given at sign-up, changed with updateAccount." }),
    role: t.expose("role", { type: RoleEnum, description: "What they do on the platform." }),
    email: t.string({
      nullable: true,
      description: "Only visible to the user themselves and to admins.",
      // An admin's partner key is not the admin: it sees no one's email but its owner's.
      resolve: (user, _, { viewer }) =>
        viewer && (viewer.id === user.id || (viewer.role === "ADMIN" && !viewer.apiKey)) ? user.email : null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When they signed up." }),
    mentorProfile: t.relation("mentorProfile", { nullable: true, description: "A mentor's profile; null for others." }),
    sessionTypes: t.relation("sessionTypes", {
      description: "Bookable session types (a mentor's own list also shows archived ones).",
      // In the relation's own query (it is loaded with its parent in one statement, so a
      // resolver would not see it): archived types only when the mentor is the viewer.
      query: (_args, { viewer }) => ({
        where: viewer ? { OR: [{ active: true }, { mentorId: viewer.id }] } : { active: true },
        orderBy: { priceCents: "asc" },
      }),
    }),
  }),
});

builder.prismaObject("MentorProfile", {
  description: "What a mentor shows about themselves, and whether an admin approved them.",
  fields: (t) => ({
    headline: t.exposeString("headline", {
      description: "One line the mentor writes about themselves (updateMentorProfile); empty until set.",
    }),
    approved: t.boolean({ description: "Approved mentors are listed and bookable.", resolve: (profile) => profile.approvedAt !== null }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true, description: "When an admin approved the mentor." }),
  }),
});

/** signUp's and logIn's success: the same fields under each mutation's own name. */
const authSuccess = (name: "SignUpSuccess" | "LogInSuccess", description: string) =>
  builder.objectRef<AuthResult>(name).implement({
    description,
    fields: (t) => ({
      token: t.exposeString("token", { description: "A bearer token for `Authorization: Bearer <token>`, valid 30 days." }),
      user: t.field({ type: UserRef, description: "The signed-in user.", resolve: (result) => result.user }),
    }),
  });
const SignUpSuccess = authSuccess("SignUpSuccess", "The new account, signed in.");
const LogInSuccess = authSuccess("LogInSuccess", "The account, signed in.");

const LogOutSuccess = builder.objectRef<{ revoked: true }>("LogOutSuccess").implement({
  description: "The token is revoked: it no longer works, on HTTP or on its open WebSockets.",
  fields: (t) => ({ revoked: t.exposeBoolean("revoked", { description: "Always true." }) }),
});

/** Both lists of mentors are pages of users: one connection type. */
const UserConnection = builder.connectionObject(
  { type: UserRef, name: "UserConnection", description: "A page of users." },
  { name: "UserEdge", description: "A user and their cursor." },
);

builder.queryFields((t) => ({
  viewer: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user, or null.",
    resolve: (query, _, __, { db, viewer }) => (viewer ? db.user.findUnique({ ...query, where: { id: viewer.id } }) : null),
  }),
  mentors: t.prismaConnection(
    {
      type: "User",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { scope: "catalog:read" },
      description: "Approved mentors, newest first.",
      resolve: async (query, _, __, { db }) =>
        // The first page in one statement (readMentorsPage); later pages through Prisma.
        (await readMentorsPage(db, query)) ??
        db.user.findMany({
          ...query,
          where: { role: "MENTOR", mentorProfile: { approvedAt: { not: null } } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    UserConnection,
  ),
  mentorsAwaitingApproval: t.prismaConnection(
    {
      type: "User",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { $all: { admin: true, session: true } },
      description: "Admins only: mentors who signed up and are not approved yet, oldest first.",
      resolve: (query, _, __, { db }) =>
        db.user.findMany({
          ...query,
          where: { role: "MENTOR", mentorProfile: { approvedAt: null } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
    },
    UserConnection,
  ),
}));

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SignUpSuccess,
    description: "Creates a mentee's or a mentor's account (a mentor is listed once an admin approves them) and signs in.",
    errors: { types: [ValidationError, EmailTakenError, RateLimitedError], directResult: true },
    args: {
      email: t.arg.string({ required: true, description: "The account's email; one account per address." }),
      password: t.arg.string({
        required: true,
        description: "10 to 256 characters, not easy to guess (ValidationError rule `weak` says why).",
      }),
      name: t.arg.string({ required: true, description: "Shown to others. At most 100 characters, one line." }),
      role: t.arg({ type: SignUpRoleEnum, required: true, description: "MENTOR or MENTEE (admins are not signed up)." }),
    },
    resolve: async (_, args, { db, throttle, clientAddress }) => {
      await throttle.signUp(clientAddress);
      return signUp(db, args);
    },
  }),
  logIn: t.field({
    type: LogInSuccess,
    description: "Refused with RateLimitedError after too many failed attempts on one account, or too many attempts from one address.",
    errors: { types: [InvalidCredentialsError, ValidationError, RateLimitedError], directResult: true },
    args: {
      email: t.arg.string({ required: true, description: "The account's email." }),
      password: t.arg.string({ required: true, description: "The account's password." }),
    },
    resolve: (_, args, { db, throttle, clientAddress }) =>
      throttle.logIn({ email: args.email, address: clientAddress }, () => logIn(db, args)),
  }),
  logOut: t.field({
    type: LogOutSuccess,
    description: "Revokes the token this request carries (a session token; an API key is revoked with revokeApiKey).",
    authScopes: { session: true },
    errors: { types: [NotAuthenticatedError], directResult: true },
    resolve: async (_, __, { db, viewer, pubsub }) => {
      await logOut(db, viewer);
      // Open WebSockets signed in with this token close now, on every instance.
      if (viewer) pubsub.publish("tokenRevoked", { tokenId: viewer.tokenId });
      return { revoked: true as const };
    },
  }),
  approveMentor: t.field({
    type: UserRef,
    description: "Admins only. Approved mentors are listed and bookable.",
    authScopes: { session: true },
    errors: { types: [...AUTH_ERRORS, NotFoundError], dataField: { name: "mentor", description: "The approved mentor." } },
    args: { userId: t.arg.id({ required: true, description: "The mentor's id (from mentorsAwaitingApproval)." }) },
    resolve: async (_, { userId }, { db, viewer, pubsub }) => {
      const mentor = await approveMentor(db, viewer, decodeId("User", String(userId), "Mentor"));
      // The mentor's open pages drop the "waiting for approval" notice; mentors lists gain them.
      publishViewerChange({ pubsub }, "APPROVAL", mentor.id);
      publishViewerChange({ pubsub }, "MENTORS", null);
      return mentor;
    },
  }),
  updateMentorProfile: t.field({
    type: UserRef,
    description: "Mentors only: sets what the mentor shows about themselves (MentorProfile). Omitted arguments are left as they are.",
    authScopes: { session: true },
    errors: { types: [...AUTH_ERRORS, ValidationError], dataField: { name: "mentor", description: "The mentor, as updated." } },
    args: {
      headline: t.arg.string({
        required: false,
        description: "One line about the mentor, at most 160 characters (empty clears it).",
      }),
    },
    resolve: async (_, args, { db, viewer, pubsub }) => {
      const { mentor, listed } = await updateMentorProfile(db, viewer, { headline: args.headline ?? undefined });
      // Lists of mentors show the headline: they refetch.
      if (listed) publishViewerChange({ pubsub }, "MENTORS", null);
      return mentor;
    },
  }),
  updateAccount: t.field({
    type: UserRef,
    description:
      "Anyone signed in (a person, not an API key): changes their own display name. Bookings show names as they are now, so existing bookings show the new name too.",
    authScopes: { session: true },
    errors: { types: [NotAuthenticatedError, ValidationError], dataField: { name: "user", description: "The viewer, as updated." } },
    args: { name: t.arg.string({ required: true, description: "Shown to others. At most 100 characters, one line." }) },
    resolve: async (_, { name }, { db, viewer, pubsub }) => {
      const { user, listed } = await updateAccount(db, viewer, { name });
      // Lists of mentors show an approved mentor's name: they refetch.
      if (listed) publishViewerChange({ pubsub }, "MENTORS", null);
      return user;
    },
  }),
}));
