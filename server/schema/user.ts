// User, MentorProfile; viewer, mentors, sign up / log in / log out, mentor approval.
import { builder, connectionCost } from "./builder.ts";
import { RoleEnum, SignUpRoleEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { EmailTakenError, InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError } from "../shared/errors.ts";
import { approveMentor, logIn, logOut, signUp, type AuthResult } from "../accounts/account-commands.ts";
import { publishViewerChange } from "../pubsub.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  fields: (t) => ({
    name: t.exposeString("name"),
    role: t.expose("role", { type: RoleEnum }),
    email: t.string({
      nullable: true,
      description: "Only visible to the user themselves and to admins.",
      // An admin's partner key is not the admin: it sees no one's email but its owner's.
      resolve: (user, _, { viewer }) =>
        viewer && (viewer.id === user.id || (viewer.role === "ADMIN" && !viewer.apiKey)) ? user.email : null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    mentorProfile: t.relation("mentorProfile", { nullable: true }),
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
  fields: (t) => ({
    headline: t.exposeString("headline"),
    approved: t.boolean({ resolve: (profile) => profile.approvedAt !== null }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true }),
  }),
});

const AuthPayload = builder.objectRef<AuthResult>("AuthPayload").implement({
  description: "A bearer token for `Authorization: Bearer <token>` and the signed-in user.",
  fields: (t) => ({
    token: t.exposeString("token"),
    user: t.field({ type: UserRef, resolve: (result) => result.user }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user, or null.",
    resolve: (query, _, __, { db, viewer }) => (viewer ? db.user.findUnique({ ...query, where: { id: viewer.id } }) : null),
  }),
  mentors: t.prismaConnection({
    type: "User",
    cursor: "id",
    complexity: connectionCost,
    authScopes: { scope: "catalog:read" },
    description: "Approved mentors, newest first.",
    resolve: (query, _, __, { db }) =>
      db.user.findMany({
        ...query,
        where: { role: "MENTOR", mentorProfile: { approvedAt: { not: null } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
  }),
  mentorsAwaitingApproval: t.prismaField({
    type: ["User"],
    authScopes: { $all: { admin: true, session: true } },
    description: "Admins only: mentors who signed up and are not approved yet.",
    resolve: (query, _, __, { db }) =>
      db.user.findMany({
        ...query,
        where: { role: "MENTOR", mentorProfile: { approvedAt: null } },
        orderBy: { createdAt: "asc" },
      }),
  }),
}));

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayload,
    errors: { types: [ValidationError, EmailTakenError, RateLimitedError], directResult: true },
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({
        required: true,
        description: "10 to 256 characters, not easy to guess (ValidationError rule `weak` says why).",
      }),
      name: t.arg.string({ required: true }),
      role: t.arg({ type: SignUpRoleEnum, required: true }),
    },
    resolve: async (_, args, { db, throttle, clientAddress }) => {
      await throttle.signUp(clientAddress);
      return signUp(db, args);
    },
  }),
  logIn: t.field({
    type: AuthPayload,
    description: "Refused with RateLimitedError after too many failed attempts on one account, or too many attempts from one address.",
    errors: { types: [InvalidCredentialsError, ValidationError, RateLimitedError], directResult: true },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_, args, { db, throttle, clientAddress }) =>
      throttle.logIn({ email: args.email, address: clientAddress }, () => logIn(db, args)),
  }),
  logOut: t.boolean({
    description: "Revokes the token this request carries (a session token; an API key is revoked with revokeApiKey).",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    resolve: async (_, __, { db, viewer, pubsub }) => {
      await logOut(db, viewer);
      // Open WebSockets signed in with this token close now, on every instance.
      if (viewer) pubsub.publish("tokenRevoked", { tokenId: viewer.tokenId });
      return true;
    },
  }),
  approveMentor: t.field({
    type: UserRef,
    description: "Admins only. Approved mentors are listed and bookable.",
    authScopes: { session: true },
    errors: { types: [...COMMON_ERRORS, NotFoundError], dataField: { name: "mentor" } },
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (_, { userId }, { db, viewer, pubsub }) => {
      const mentor = await approveMentor(db, viewer, decodeId("User", String(userId), "userId"));
      // The mentor's open pages drop the "waiting for approval" notice; mentors lists gain them.
      publishViewerChange({ pubsub }, "APPROVAL", mentor.id);
      publishViewerChange({ pubsub }, "MENTORS", null);
      return mentor;
    },
  }),
}));
