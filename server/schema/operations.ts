// What operators (admins) need to see about money and messages that did not go through: emails
// given up after days of failures or a permanent refusal, and the latest reconciliation of the
// ledger with Stripe (server/reconcile/).
import { builder } from "./builder.ts";

const MAX_LIMIT = 200;

builder.prismaObject("EmailMessage", {
  name: "FailedEmail",
  description: "An email that could not be delivered (refused for good, or still failing days after it was queued). Admins only.",
  fields: (t) => ({
    id: t.exposeID("id"),
    to: t.exposeString("to"),
    subject: t.exposeString("subject"),
    tag: t.exposeString("tag", { description: "Which email it is (e.g. booking-paid)." }),
    attempts: t.exposeInt("attempts"),
    lastError: t.exposeString("lastError", { nullable: true, description: "What the email provider said last." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was queued." }),
    failedAt: t.expose("failedAt", { type: "DateTime", nullable: true, description: "When delivery was given up." }),
  }),
});

builder.queryFields((t) => ({
  failedEmails: t.prismaField({
    type: ["EmailMessage"],
    authScopes: { admin: true },
    description: "Admins only: emails given up (FAILED), most recently failed first.",
    args: { limit: t.arg.int({ defaultValue: 50, description: `1 to ${MAX_LIMIT}.` }) },
    resolve: (query, _, { limit }, { db }) =>
      db.emailMessage.findMany({
        ...query,
        where: { status: "FAILED" },
        orderBy: [{ failedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
        take: Math.min(Math.max(limit ?? 50, 1), MAX_LIMIT),
      }),
  }),
}));
