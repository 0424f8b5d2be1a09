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
    linksAddedAt: t.expose("linksAddedAt", { type: "DateTime", nullable: true, description: "When the links were last set." }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true, description: "When the mentor marked it complete." }),
    confirmedAt: t.expose("createdAt", { type: "DateTime", description: "When the mentor confirmed the booking." }),
  }),
});

builder.prismaObject("BookingEvent", {
  description: "One step of a booking's status history: who did which transition when.",
  fields: (t) => ({
    sequence: t.exposeInt("sequence", { description: "1 for the request, then one more per change." }),
    fromStatus: t.expose("fromStatus", {
      type: BookingStatusEnum,
      nullable: true,
      description: "The status before; null for the request.",
    }),
    toStatus: t.expose("toStatus", { type: BookingStatusEnum, description: "The status after." }),
    actorKind: t.expose("actorKind", { type: ActorKindEnum, description: "Who made the change: a person, Stripe or the system." }),
    actor: t.relation("actor", { nullable: true, description: "The person, when actorKind is USER." }),
    note: t.exposeString("note", { nullable: true, description: "A decline reason, for example." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it happened." }),
  }),
});
