// A page of the viewer's bookings, newest first (the Upcoming views: by recorded session start,
// soonest first), with whatever relations the selection asks for AND the number of bookings the
// viewer may see, in ONE SQL statement whatever the page size (server/db/json-select.ts builds
// the relations); and one booking by its id (Query.booking, the booking page), in one statement
// too. Both are sent to the driver directly: Prisma 6 compiles every query again on every call,
// most of such a read's CPU. The visibility rule is booking-visibility.ts's
// (its mentee; its mentor once paid; admins: all), written here as SQL; test/isolation.test.ts
// and test/query-count.test.ts read the dashboard and the booking through it.
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
  options: { viewer: Viewer; statuses: Booking["status"][]; starts?: { after: Date | null; before: Date | null } | null },
): Promise<BookingPage | null> {
  const { take, skip, cursor, ...selection } = query;
  if (cursor !== undefined || (skip !== undefined && skip !== 0) || typeof take !== "number" || take <= 0 || take > 1000) return null;
  const { viewer, statuses, starts } = options;
  if (!UUID.test(viewer.id) || statuses.some((s) => !STATUSES.has(s))) return null;
  // The SQL below writes booking-visibility.ts's rule for people only; a partner key (an admin's
  // key that reaches only granting mentors) is read through visibleBookings with Prisma.
  if (viewer.apiKey?.partner || (viewer.role === "ADMIN" && viewer.apiKey)) return null;
  const row = jsonObject("Booking", "b", selection);
  if (!row) return null;
  const params: unknown[] = viewer.role === "ADMIN" ? [] : [viewer.id];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Enum values checked above; the viewer's id and the dates are parameters.
  let filter = statuses.length > 0 ? ` AND status IN (${statuses.map((s) => `'${s}'`).join(", ")})` : "";
  // The Upcoming views: sessions with a recorded start in the range, soonest first.
  if (starts) {
    filter += ` AND "sessionStartsAt" IS NOT NULL`;
    if (starts.after) filter += ` AND "sessionStartsAt" >= ${param(starts.after.toISOString())}::timestamptz`;
    if (starts.before) filter += ` AND "sessionStartsAt" < ${param(starts.before.toISOString())}::timestamptz`;
  }
  const key = starts ? `"sessionStartsAt"` : `"createdAt"`;
  const order = starts ? `"sessionStartsAt" ASC, id ASC` : `"createdAt" DESC, id DESC`;
  const pageOrder = starts ? `page."sessionStartsAt" ASC, page.id ASC` : `page."createdAt" DESC, page.id DESC`;
  const visible =
    viewer.role === "ADMIN"
      ? `SELECT id, ${key} FROM "Booking" WHERE true${filter}`
      : `SELECT id, ${key} FROM "Booking" WHERE "menteeId" = $1::uuid${filter}
         UNION
         SELECT id, ${key} FROM "Booking" WHERE "mentorId" = $1::uuid AND "paidAt" IS NOT NULL${filter}`;
  const sql = `WITH visible AS (${visible}),
    page AS (SELECT id, ${key} FROM visible ORDER BY ${order} LIMIT ${take})
    SELECT (SELECT count(*) FROM visible)::int AS "totalCount",
      (SELECT coalesce(json_agg(${row.sql} ORDER BY ${pageOrder}), '[]'::json)
       FROM page JOIN "Booking" b ON b.id = page.id) AS rows`;
  type Result = { totalCount: number; rows: unknown };
  const direct = directQuery(db);
  const [result] = direct ? await direct<Result>(sql, params) : await db.$queryRawUnsafe<Result[]>(sql, ...params);
  const parsed = (typeof result!.rows === "string" ? JSON.parse(result!.rows) : result!.rows) as unknown[][];
  return { rows: parsed.map((r) => readRow<Booking>(r, row.reader)), totalCount: Number(result!.totalCount) };
}

/**
 * One booking by id with whatever relations the selection asks for (`query`: plugin-prisma's
 * include/select), if the viewer may see it; null when it does not exist or they may not.
 * Undefined when the single statement does not do this read (a partner or admin API key, a
 * selection json-select.ts does not build): the caller reads it with Prisma then.
 */
export async function readOneBooking(
  db: Db,
  query: Record<string, unknown>,
  options: { viewer: Viewer; id: string },
): Promise<Booking | null | undefined> {
  const { viewer, id } = options;
  // No booking has such an id, whoever asks: nothing to read (nor for the uuid cast to refuse).
  if (!UUID.test(id)) return null;
  if (!UUID.test(viewer.id)) return undefined;
  // As readBookingPage: people only; a partner key and an admin's key go through visibleBookings.
  if (viewer.apiKey?.partner || (viewer.role === "ADMIN" && viewer.apiKey)) return undefined;
  const row = jsonObject("Booking", "b", query);
  if (!row) return undefined;
  // The primary key finds the row; the rule is then checked on it, the viewer's id a parameter.
  const params: unknown[] = viewer.role === "ADMIN" ? [id] : [id, viewer.id];
  const visible = viewer.role === "ADMIN" ? "" : ` AND (b."menteeId" = $2::uuid OR (b."mentorId" = $2::uuid AND b."paidAt" IS NOT NULL))`;
  const sql = `SELECT ${row.sql} AS row FROM "Booking" b WHERE b.id = $1::uuid${visible}`;
  type Result = { row: unknown };
  const direct = directQuery(db);
  const [result] = direct ? await direct<Result>(sql, params) : await db.$queryRawUnsafe<Result[]>(sql, ...params);
  if (!result) return null;
  const parsed = (typeof result.row === "string" ? JSON.parse(result.row) : result.row) as unknown[];
  return readRow<Booking>(parsed, row.reader);
}
