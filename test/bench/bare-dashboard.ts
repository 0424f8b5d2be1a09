// The dashboard read's baseline: graphql-yoga with a tiny hand-written schema that answers the
// client's `Bookings` document with the same JSON as the app, from ONE hand-written SQL
// statement per request (the bearer token's lookup, the visibility rule, the page, its count
// and every relation). No ORM, no plugins: what serving this page costs at least on this stack.
// It reuses the app's pure helpers (money formatting, viewerCan, respondBy), so both answer the
// same; test/bench/run.ts checks that they do.
import { createHash } from "node:crypto";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { createSchema, createYoga } from "graphql-yoga";
import { GraphQLError } from "graphql";
import { formatMoney } from "../../server/shared/money.ts";
import {
  cancellationTerms,
  termsAfterChargeback,
  canTransition,
  respondBy,
  viewerActions,
} from "../../server/bookings/booking-lifecycle.ts";
import { BookingStatus } from "../../server/generated/prisma/enums.ts";

const RESPONSE_HOURS = 72; // BOOKING_RESPONSE_HOURS' default, as the app runs in the bench
const FULL_REFUND_HOURS = 24; // CANCELLATION_FULL_REFUND_HOURS' default

// The status filter's type has the app schema's name and values: the client's document declares
// `$status: [BookingStatus!]`, and a schema without that type refuses the document outright.
const typeDefs = /* GraphQL */ `
  scalar DateTime
  enum BookingStatus { ${Object.values(BookingStatus).join(" ")} }
  type Query { bookings(status: [BookingStatus!], first: Int, startsAfter: DateTime, startsBefore: DateTime): BookingConnection! }
  type BookingConnection { totalCount: Int! pageInfo: PageInfo! edges: [BookingEdge!]! }
  type PageInfo { hasNextPage: Boolean! }
  type BookingEdge { node: Booking! }
  type Money { amountCents: Int! currency: String! formatted: String! }
  type BookingCancellation { outcome: String! refund: Money! fullRefundUntil: DateTime }
  type User { id: ID! name: String! mentorProfile: MentorProfile }
  type MentorProfile { headline: String! }
  type SessionType { id: ID! title: String! }
  type Refund { status: String! reason: String! amount: Money! createdAt: DateTime! succeededAt: DateTime }
  type Session { availabilityLink: String meetingLink: String linksAddedAt: DateTime completedAt: DateTime }
  type BookingEvent { sequence: Int! fromStatus: String toStatus: String! createdAt: DateTime! actorKind: String! note: String actor: User }
  type Booking {
    id: ID! status: String! title: String! durationMinutes: Int! message: String! createdAt: DateTime! updatedAt: DateTime!
    paidAt: DateTime respondBy: DateTime confirmedAt: DateTime declinedAt: DateTime declineReason: String completedAt: DateTime
    checkoutUrl: String viewerCan: [String!]! price: Money! chargedBack: Money mentee: User! mentor: User! sessionType: SessionType
    startsAt: DateTime endsAt: DateTime payment: String! cancellation: BookingCancellation
    refund: Refund session: Session history: [BookingEvent!]!
  }
`;

/** $1 token hash, $2 page size + 1, $3 statuses or null. */
const PAGE_SQL = `
WITH viewer AS (
  SELECT u.id, u.role FROM "AuthToken" t JOIN "User" u ON u.id = t."userId"
  WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL AND t."expiresAt" > now()
), visible AS (
  -- Each party's bookings through its own index; admins see all.
  SELECT id, "createdAt" FROM "Booking" WHERE "menteeId" = (SELECT id FROM viewer)
    AND ($3::text[] IS NULL OR status::text = ANY($3::text[]))
  UNION
  SELECT id, "createdAt" FROM "Booking" WHERE "mentorId" = (SELECT id FROM viewer) AND "paidAt" IS NOT NULL
    AND ($3::text[] IS NULL OR status::text = ANY($3::text[]))
  UNION
  SELECT id, "createdAt" FROM "Booking" WHERE (SELECT role FROM viewer) = 'ADMIN'
    AND ($3::text[] IS NULL OR status::text = ANY($3::text[]))
), page AS (
  SELECT id FROM visible ORDER BY "createdAt" DESC, id DESC LIMIT $2
)
SELECT v.id AS "viewerId", v.role::text AS "viewerRole", (SELECT count(*)::int FROM visible) AS "totalCount", p.*
FROM viewer v LEFT JOIN LATERAL (
  SELECT b.id, b.status::text AS status, b.title, b."durationMinutes", b.message, b."createdAt", b."updatedAt", b."paidAt",
    b."confirmedAt", b."declinedAt", b."declineReason", b."completedAt", b."checkoutUrl", b."priceCents", b.currency,
    b."sessionStartsAt", b."sessionEndsAt", b."capturedAt", b."authorizationReleasedAt", b."stripePaymentIntentId",
    b."chargedBackCents", b."mentorId", b."menteeId",
    json_build_object('id', me.id, 'name', me.name) AS mentee,
    json_build_object('id', mo.id, 'name', mo.name, 'headline', mp.headline) AS mentor,
    json_build_object('id', st.id, 'title', st.title, 'active', st.active) AS "sessionType",
    CASE WHEN r.id IS NOT NULL THEN json_build_object('status', r.status, 'reason', r.reason, 'amountCents', r."amountCents",
      'currency', r.currency, 'createdAt', r."createdAt", 'succeededAt', r."succeededAt") END AS refund,
    CASE WHEN s."bookingId" IS NOT NULL THEN json_build_object('availabilityLink', s."availabilityLink", 'meetingLink', s."meetingLink",
      'linksAddedAt', s."linksAddedAt", 'completedAt', s."completedAt") END AS session,
    (SELECT json_agg(json_build_object('sequence', e.sequence, 'fromStatus', e."fromStatus", 'toStatus', e."toStatus",
       'createdAt', e."createdAt", 'actorKind', e."actorKind", 'note', e.note, 'actorId', a.id, 'actorName', a.name) ORDER BY e.sequence)
     FROM "BookingEvent" e LEFT JOIN "User" a ON a.id = e."actorId" WHERE e."bookingId" = b.id) AS history
  FROM page JOIN "Booking" b ON b.id = page.id
    JOIN "User" me ON me.id = b."menteeId" JOIN "User" mo ON mo.id = b."mentorId"
    LEFT JOIN "MentorProfile" mp ON mp."userId" = mo.id JOIN "SessionType" st ON st.id = b."sessionTypeId"
    LEFT JOIN "Refund" r ON r."bookingId" = b.id LEFT JOIN "Session" s ON s."bookingId" = b.id
) p ON true
ORDER BY p."createdAt" DESC, p.id DESC`;

type Row = Record<string, any>;
const date = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string));
const money = (amountCents: number, currency: string) => ({
  amountCents,
  currency: currency.toUpperCase(),
  formatted: formatMoney({ amountCents, currency }),
});

function node(row: Row, viewer: { id: string; role: string }) {
  const paidAt = date(row.paidAt);
  const role = viewer.id === row.menteeId ? "mentee" : viewer.id === row.mentorId && paidAt ? "mentor" : null;
  const session = row.session;
  const st = row.sessionType;
  const status = row.status as BookingStatus;
  const sessionStartsAt = date(row.sessionStartsAt);
  const capturedAt = date(row.capturedAt);
  const terms =
    role && canTransition(status, "cancel", role)
      ? termsAfterChargeback(cancellationTerms({ capturedAt, priceCents: row.priceCents, sessionStartsAt }, role, FULL_REFUND_HOURS), {
          priceCents: row.priceCents,
          chargedBackCents: row.chargedBackCents,
        })
      : null;
  return {
    id: encodeGlobalID("Booking", row.id),
    status: row.status,
    title: row.title,
    durationMinutes: row.durationMinutes,
    message: row.message,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    paidAt,
    respondBy: respondBy({ status: row.status as BookingStatus, paidAt }, RESPONSE_HOURS),
    confirmedAt: row.confirmedAt,
    declinedAt: row.declinedAt,
    declineReason: row.declineReason,
    completedAt: row.completedAt,
    checkoutUrl: row.status === "AWAITING_PAYMENT" && viewer.id === row.menteeId ? row.checkoutUrl : null,
    viewerCan: role
      ? viewerActions({ status, linksAdded: Boolean(session?.availabilityLink && session.meetingLink), sessionStartsAt }, role)
      : [],
    startsAt: sessionStartsAt,
    endsAt: date(row.sessionEndsAt),
    payment: capturedAt
      ? "CAPTURED"
      : row.authorizationReleasedAt
        ? "RELEASED"
        : paidAt || row.stripePaymentIntentId
          ? "AUTHORIZED"
          : "NONE",
    cancellation: terms && {
      outcome: terms.outcome,
      refund: money(terms.refundCents, row.currency),
      fullRefundUntil: terms.outcome === "NOTHING_CHARGED" ? null : terms.fullRefundUntil,
    },
    price: money(row.priceCents, row.currency),
    chargedBack: row.chargedBackCents > 0 ? money(row.chargedBackCents, row.currency) : null,
    mentee: { id: encodeGlobalID("User", row.mentee.id), name: row.mentee.name },
    mentor: {
      id: encodeGlobalID("User", row.mentor.id),
      name: row.mentor.name,
      mentorProfile: row.mentor.headline === null ? null : { headline: row.mentor.headline },
    },
    sessionType:
      st.active || viewer.role === "ADMIN" || viewer.id === row.mentorId
        ? { id: encodeGlobalID("SessionType", st.id), title: st.title }
        : null,
    refund: row.refund && { ...row.refund, amount: money(row.refund.amountCents, row.refund.currency) },
    session,
    history: (row.history as Row[]).map((e) => ({
      ...e,
      actor: e.actorId === null ? null : { id: encodeGlobalID("User", e.actorId), name: e.actorName },
    })),
  };
}

type Query = (text: string, params: unknown[]) => Promise<Row[]>;

export function bareDashboard(query: Query) {
  return createYoga({
    landingPage: false,
    graphiql: false,
    schema: createSchema({
      typeDefs,
      resolvers: {
        DateTime: {
          serialize: (value: unknown) => date(value)!.toISOString(),
        },
        Query: {
          bookings: async (
            _: unknown,
            args: { first?: number; status?: string[] | null; startsAfter?: unknown; startsBefore?: unknown },
            context: { request: Request },
          ) => {
            // The bench reads the list without a range (the Upcoming views are not measured).
            if (args.startsAfter || args.startsBefore) throw new GraphQLError("The baseline does not filter by session start.");
            const secret = context.request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
            if (!secret) throw new GraphQLError("Sign in first.", { extensions: { code: "UNAUTHENTICATED" } });
            const first = Math.min(100, Math.max(0, args.first ?? 20));
            const rows = await query(PAGE_SQL, [
              createHash("sha256").update(secret).digest("hex"),
              first + 1,
              args.status?.length ? args.status : null,
            ]);
            if (rows.length === 0) throw new GraphQLError("Sign in first.", { extensions: { code: "UNAUTHENTICATED" } });
            const viewer = { id: rows[0]!.viewerId as string, role: rows[0]!.viewerRole as string };
            const found = rows[0]!.id === null ? [] : rows;
            return {
              totalCount: rows[0]!.totalCount,
              pageInfo: { hasNextPage: found.length > first },
              edges: found.slice(0, first).map((row) => ({ node: node(row, viewer) })),
            };
          },
        },
      },
    }),
  });
}
