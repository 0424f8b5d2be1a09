// viewerChanged: live changes that are not a booking's, scoped to the viewer: their earnings
// (a payout made or failed, their Stripe Connect state), their mentor approval, and the public
// list of mentors. The event names what changed; the client refetches what shows it.
import { builder } from "./builder.ts";
import { VIEWER_CHANGE_KINDS, type ViewerChanged } from "../pubsub.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import type { ApiScope } from "../accounts/auth.ts";

/** The scope an API key needs to hear of each kind of change (a session hears of all). */
const SCOPE_OF_KIND: Record<ViewerChanged["kind"], ApiScope> = {
  EARNINGS: "earnings:read",
  APPROVAL: "catalog:read",
  MENTORS: "catalog:read",
};

function mayHear(viewer: AuthenticatedUser | null, kind: ViewerChanged["kind"]): boolean {
  return !viewer?.apiKey || viewer.apiKey.scopes.has(SCOPE_OF_KIND[kind]);
}

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
    // An API key hears only the kinds its scopes cover, and needs one of them to subscribe at all.
    authScopes: (_, __, { viewer }) =>
      viewer?.apiKey?.scopes.has("earnings:read") ? { scope: "earnings:read" } : { scope: "catalog:read" },
    description:
      "Changes to the viewer's earnings (payouts, Stripe connection) and approval, and to the list of mentors (for everyone, signed in or not). An API key needs catalog:read (APPROVAL, MENTORS) or earnings:read (EARNINGS), and hears only the kinds its scopes cover.",
    subscribe: (_, __, { pubsub, viewer }) =>
      pubsub.subscribe("viewerChanged", (event) => (event.userId === null || event.userId === viewer?.id) && mayHear(viewer, event.kind)),
    resolve: (event) => event,
  }),
}));
