// Partner apps (admins' API keys) and the mentor's grants: partnerApps, grantPartnerAccess,
// revokePartnerAccess, with the mentor's session (server/accounts/partner-grants.ts).
import { builder } from "./builder.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { NotFoundError } from "../shared/errors.ts";
import { grantPartnerAccess, listPartnerApps, revokePartnerAccess, type PartnerApp } from "../accounts/partner-grants.ts";
import { encodeGlobalID } from "@pothos/plugin-relay";

const PartnerAppRef = builder.objectRef<PartnerApp>("PartnerApp").implement({
  description:
    "A partner app (an API key the platform issued). With the mentor's grant it reads their bookings and receives their webhooks.",
  fields: (t) => ({
    id: t.id({ description: "The partner app's id.", resolve: (app) => encodeGlobalID("PartnerApp", app.id) }),
    name: t.exposeString("name", { description: "The partner app's name." }),
    granted: t.boolean({ description: "The viewer granted it access.", resolve: (app) => app.grantedAt !== null }),
    grantedAt: t.expose("grantedAt", { type: "DateTime", nullable: true, description: "Since when." }),
  }),
});

const appId = (id: string | number) => decodeId("PartnerApp", String(id));

builder.queryFields((t) => ({
  partnerApps: t.field({
    type: [PartnerAppRef],
    authScopes: { session: true },
    description: "Mentors: the partner apps they may grant access to their bookings, and which they granted. Empty for others.",
    resolve: (_, __, { db, viewer }) => listPartnerApps(db, viewer),
  }),
}));

builder.mutationFields((t) => ({
  grantPartnerAccess: t.field({
    type: PartnerAppRef,
    authScopes: { session: true },
    description: "Mentors: lets the partner app read the mentor's bookings (once paid) and receive their booking webhooks.",
    errors: {
      types: [...AUTH_ERRORS, NotFoundError],
      dataField: { name: "partnerApp", description: "The partner app, now granted." },
    },
    args: { partnerAppId: t.arg.id({ required: true, description: "PartnerApp.id." }) },
    resolve: (_, args, { db, viewer }) => grantPartnerAccess(db, viewer, appId(args.partnerAppId)),
  }),
  revokePartnerAccess: t.field({
    type: PartnerAppRef,
    authScopes: { session: true },
    description: "Mentors: takes the partner app's access away at once (reads and webhooks).",
    errors: {
      types: [...AUTH_ERRORS, NotFoundError],
      dataField: { name: "partnerApp", description: "The partner app, no longer granted." },
    },
    args: { partnerAppId: t.arg.id({ required: true, description: "PartnerApp.id." }) },
    resolve: (_, args, { db, viewer }) => revokePartnerAccess(db, viewer, appId(args.partnerAppId)),
  }),
}));
