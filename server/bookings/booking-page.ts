// A page of the viewer's bookings, newest first, with whatever relations the selection asks
// for AND the number of bookings the viewer may see, in ONE SQL statement whatever the page size
// (server/db/json-select.ts builds the relations). The visibility rule is booking-visibility.ts's
// (its mentee; its mentor once paid; admins: all), written here as SQL; test/isolation.test.ts
// and test/query-count.test.ts read the dashboard through it.
// The page's ids are found first (each party's bookings through its own index, sorted, limited)
// and only those rows are joined to their relations: the plan no longer depends on the database
// choosing a parallel sort before the joins (PGlite never does).
import { directQuery, type Db } from "../db/client.ts";
import { jsonObject, readRow } from "../db/json-select.ts";
import type { Booking } from "../generated/prisma/client.ts";
import { BookingStatus } from "../generated/prisma/enums.ts";
import type { Viewer } from "./booking-visibility.ts";

const STATUSES = new Set<string>(Object.values(BookingStatus));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BookingPage {
  rows: Booking[];
  totalCount: number;
}

/**
 * `query` is the Prisma query of the selection (plugin-prisma's, with `take` = page size + 1).
 * Null when it asks for something the single statement does not do (a cursor, a backwards
 * page, a relation filter): the caller reads the page with Prisma then.
 */
export async function readBookingPage(
  db: Db,
  query: Record<string, unknown>,
  options: { viewer: Viewer; statuses: Booking["status"][] },
): Promise<BookingPage | null> {
  const { take, skip, cursor, ...selection } = query;
  if (cursor !== undefined || (skip !== undefined && skip !== 0) || typeof take !== "number" || take <= 0 || take > 1000) return null;
  const { viewer, statuses } = options;
  if (!UUID.test(viewer.id) || statuses.some((s) => !STATUSES.has(s))) return null;
  // The SQL below writes booking-visibility.ts's rule for people only; a partner key (an admin's
  // key that reaches only granting mentors) is read through visibleBookings with Prisma.
  if (viewer.apiKey?.partner || (viewer.role === "ADMIN" && viewer.apiKey)) return null;
  const row = jsonObject("Booking", "b", selection);
  if (!row) return null;
  // Enum values checked above; the viewer's id is a parameter.
  const status = statuses.length > 0 ? ` AND status IN (${statuses.map((s) => `'${s}'`).join(", ")})` : "";
  const visible =
    viewer.role === "ADMIN"
      ? `SELECT id, "createdAt" FROM "Booking" WHERE true${status}`
      : `SELECT id, "createdAt" FROM "Booking" WHERE "menteeId" = $1::uuid${status}
         UNION
         SELECT id, "createdAt" FROM "Booking" WHERE "mentorId" = $1::uuid AND "paidAt" IS NOT NULL${status}`;
  const sql = `WITH visible AS (${visible}),
    page AS (SELECT id, "createdAt" FROM visible ORDER BY "createdAt" DESC, id DESC LIMIT ${take})
    SELECT (SELECT count(*) FROM visible)::int AS "totalCount",
      (SELECT coalesce(json_agg(${row.sql} ORDER BY page."createdAt" DESC, page.id DESC), '[]'::json)
       FROM page JOIN "Booking" b ON b.id = page.id) AS rows`;
  const params = viewer.role === "ADMIN" ? [] : [viewer.id];
  type Result = { totalCount: number; rows: unknown };
  const direct = directQuery(db);
  const [result] = direct ? await direct<Result>(sql, params) : await db.$queryRawUnsafe<Result[]>(sql, ...params);
  const parsed = (typeof result!.rows === "string" ? JSON.parse(result!.rows) : result!.rows) as Record<string, unknown>[];
  return { rows: parsed.map((r) => readRow<Booking>(r, row.reader)), totalCount: Number(result!.totalCount) };
}
