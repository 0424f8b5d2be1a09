// SessionType: what a mentor offers, with its price; createSessionType, archiveSessionType.
import { builder } from "./builder.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { archiveSessionType, createSessionType } from "../bookings/session-type-commands.ts";

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
    resolve: (_, args, { db, viewer }) => createSessionType(db, viewer, args),
  }),
  archiveSessionType: t.field({
    type: SessionTypeRef,
    description: "Mentors only: stop offering a session type. Existing bookings are unaffected.",
    authScopes: { session: true },
    errors: { types: [...AUTH_ERRORS, NotFoundError], dataField: { name: "sessionType", description: "The archived session type." } },
    args: { id: t.arg.id({ required: true, description: "One of the mentor's session types." }) },
    resolve: (_, { id }, { db, viewer }) => archiveSessionType(db, viewer, decodeId("SessionType", String(id))),
  }),
}));
