// User, MentorProfile; viewer, mentors, sign up / log in / log out, mentor approval.
import { builder } from "./builder.ts";
import { RoleEnum, SignUpRoleEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { EmailTakenError, InvalidCredentialsError, NotFoundError, ValidationError } from "../domain/errors.ts";
import { approveMentor, logIn, logOut, signUp, type AuthResult } from "../domain/account-commands.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  fields: (t) => ({
    name: t.exposeString("name"),
    role: t.expose("role", { type: RoleEnum }),
    email: t.string({
      nullable: true,
      description: "Only visible to the user themselves and to admins.",
      resolve: (user, _, { viewer }) => (viewer && (viewer.id === user.id || viewer.role === "ADMIN") ? user.email : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    mentorProfile: t.relation("mentorProfile", { nullable: true }),
    sessionTypes: t.relation("sessionTypes", {
      description: "Bookable session types (a mentor's own list also shows archived ones).",
      query: { orderBy: { priceCents: "asc" } },
      resolve: (query, user, _, { db, viewer }) =>
        db.sessionType.findMany({
          ...query,
          where: { mentorId: user.id, ...(viewer?.id === user.id ? {} : { active: true }) },
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
    authScopes: { admin: true },
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
    errors: { types: [ValidationError, EmailTakenError], directResult: true },
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true, description: "10 to 256 characters, not easy to guess (ValidationError rule `weak` says why)." }),
      name: t.arg.string({ required: true }),
      role: t.arg({ type: SignUpRoleEnum, required: true }),
    },
    resolve: (_, args, { db }) => signUp(db, args),
  }),
  logIn: t.field({
    type: AuthPayload,
    errors: { types: [InvalidCredentialsError, ValidationError], directResult: true },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_, args, { db }) => logIn(db, args),
  }),
  logOut: t.boolean({
    description: "Revokes the token this request carries.",
    errors: { types: COMMON_ERRORS },
    resolve: async (_, __, { db, viewer }) => {
      await logOut(db, viewer);
      return true;
    },
  }),
  approveMentor: t.field({
    type: UserRef,
    description: "Admins only. Approved mentors are listed and bookable.",
    errors: { types: [...COMMON_ERRORS, NotFoundError], dataField: { name: "mentor" } },
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_, { userId }, { db, viewer }) => approveMentor(db, viewer, decodeId("User", String(userId), "userId")),
  }),
}));
