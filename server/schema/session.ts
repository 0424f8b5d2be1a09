// Session: the confirmed session of a booking, with its links and completion.
import { builder } from "./builder.ts";
import { ActorKindEnum, BookingStatusEnum } from "./enums.ts";

builder.prismaObject("Session", {
  description: "Created when the mentor confirms a booking. The mentor adds both links, holds the session, then completes it.",
  fields: (t) => ({
    availabilityLink: t.exposeString("availabilityLink", {
      nullable: true,
      description: "Where the mentee picks a time (e.g. a calendar appointment schedule). https only.",
    }),
    meetingLink: t.exposeString("meetingLink", { nullable: true, description: "Where the session is held. https only." }),
    linksAddedAt: t.expose("linksAddedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    confirmedAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("BookingEvent", {
  description: "One step of a booking's status history: who did which transition when.",
  fields: (t) => ({
    sequence: t.exposeInt("sequence"),
    fromStatus: t.expose("fromStatus", { type: BookingStatusEnum, nullable: true }),
    toStatus: t.expose("toStatus", { type: BookingStatusEnum }),
    actorKind: t.expose("actorKind", { type: ActorKindEnum }),
    actor: t.relation("actor", { nullable: true }),
    note: t.exposeString("note", { nullable: true, description: "A decline reason, for example." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
