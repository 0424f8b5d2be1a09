// viewerChanged: live changes that are not a booking's, scoped to the viewer: their earnings
// (a payout made or failed, their Stripe Connect state), their mentor approval, and the public
// list of mentors. The event names what changed; the client refetches what shows it.
import { filter, pipe } from "graphql-yoga";
import { builder } from "./builder.ts";
import { VIEWER_CHANGE_KINDS, type ViewerChanged } from "../pubsub.ts";

const ViewerChangeKindEnum = builder.enumType("ViewerChangeKind", {
  description:
    "EARNINGS: the viewer's balance, payouts or Stripe connection; APPROVAL: the viewer's mentor approval; MENTORS: the list of approved mentors.",
  values: VIEWER_CHANGE_KINDS,
});

const ViewerChangeRef = builder.objectRef<ViewerChanged>("ViewerChange").implement({
  description: "Something the viewer sees changed; refetch what shows it.",
  fields: (t) => ({
    kind: t.field({ type: ViewerChangeKindEnum, description: "What changed.", resolve: (event) => event.kind }),
  }),
});

builder.subscriptionFields((t) => ({
  viewerChanged: t.field({
    type: ViewerChangeRef,
    description:
      "Changes to the viewer's earnings (payouts, Stripe connection) and approval, and to the list of mentors (for everyone, signed in or not).",
    subscribe: (_, __, { pubsub, viewer }) =>
      pipe(
        pubsub.subscribe("viewerChanged"),
        filter((event) => event.userId === null || event.userId === viewer?.id),
      ),
    resolve: (event) => event,
  }),
}));
