// SessionType: what a mentor offers, with its price; createSessionType, updateSessionType, archiveSessionType.
import { builder } from "./builder.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { NotFoundError, SessionTypeArchivedError, ValidationError } from "../shared/errors.ts";
import { archiveSessionType, createSessionType, mentorListed, updateSessionType } from "../bookings/session-type-commands.ts";
import { publishViewerChange, type PubSub } from "../pubsub.ts";
import type { Db } from "../db/client.ts";
import type { SessionType } from "../generated/prisma/client.ts";

export const SessionTypeRef = builder.prismaNode("SessionType", {
  id: { field: "id" },
  description: "What a mentor offers: a session of a length, at a price.",
  fields: (t) => ({
    title: t.exposeString("title", { description: "What the session is about." }),
    durationMinutes: t.exposeInt("durationMinutes", { description: "Its length in minutes." }),
    price: t.field({
      type: "Money",
      description: "What the mentee pays.",
      resolve: (type) => ({ amountCents: type.priceCents, currency: type.currency }),
    }),
    active: t.exposeBoolean("active", { description: "False once archived: no longer bookable." }),
    mentor: t.relation("mentor", { description: "The mentor who offers it." }),
  }),
});

/** Lists of mentors show each listed (approved) mentor's session types: a change makes them refetch. */
async function announced(db: Db, pubsub: PubSub, sessionType: SessionType): Promise<SessionType> {
  if (await mentorListed(db, sessionType.mentorId)) publishViewerChange({ pubsub }, "MENTORS", null);
  return sessionType;
}

builder.mutationFields((t) => ({
  createSessionType: t.field({
    type: SessionTypeRef,
    description: "Mentors only. Price in cents, from 100 to 1,000,000; duration 15 to 480 minutes.",
    authScopes: { session: true },
    errors: { types: [...AUTH_ERRORS, ValidationError], dataField: { name: "sessionType", description: "The new session type." } },
    args: {
      title: t.arg.string({ required: true, description: "At most 120 characters, one line." }),
      durationMinutes: t.arg.int({ required: true, description: "15 to 480." }),
      priceCents: t.arg.int({ required: true, description: "In US cents, 100 to 1,000,000." }),
    },
    resolve: async (_, args, { db, viewer, pubsub }) => {
      return announced(db, pubsub, await createSessionType(db, viewer, args));
    },
  }),
  updateSessionType: t.field({
    type: SessionTypeRef,
    description:
      "Mentors only, on their own active session type: changes the arguments given (at least one; none is a ValidationError on `title`, rule REQUIRED), each checked as createSessionType checks it. Existing bookings keep the title, duration and price they were requested at: the change applies to new bookings only. An archived session type answers SessionTypeArchivedError.",
    authScopes: { session: true },
    errors: {
      types: [...AUTH_ERRORS, NotFoundError, SessionTypeArchivedError, ValidationError],
      dataField: { name: "sessionType", description: "The session type, as updated." },
    },
    args: {
      id: t.arg.id({ required: true, description: "One of the mentor's session types." }),
      title: t.arg.string({ required: false, description: "At most 120 characters, one line." }),
      durationMinutes: t.arg.int({ required: false, description: "15 to 480." }),
      priceCents: t.arg.int({ required: false, description: "In US cents, 100 to 1,000,000." }),
    },
    resolve: async (_, { id, title, durationMinutes, priceCents }, { db, viewer, pubsub }) => {
      const changes = { title: title ?? undefined, durationMinutes: durationMinutes ?? undefined, priceCents: priceCents ?? undefined };
      return announced(db, pubsub, await updateSessionType(db, viewer, decodeId("SessionType", String(id)), changes));
    },
  }),
  archiveSessionType: t.field({
    type: SessionTypeRef,
    description: "Mentors only: stop offering a session type. Existing bookings are unaffected.",
    authScopes: { session: true },
    errors: { types: [...AUTH_ERRORS, NotFoundError], dataField: { name: "sessionType", description: "The archived session type." } },
    args: { id: t.arg.id({ required: true, description: "One of the mentor's session types." }) },
    resolve: async (_, { id }, { db, viewer, pubsub }) => {
      return announced(db, pubsub, await archiveSessionType(db, viewer, decodeId("SessionType", String(id))));
    },
  }),
}));
