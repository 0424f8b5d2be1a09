// How reliably a mentor answers paid requests, over the last RELIABILITY_WINDOW_DAYS: the median
// time from payment (paidAt) to the mentor's answer (confirmedAt or declinedAt), and the share of
// decided requests the mentor accepted: confirmed / (confirmed + declined + expired unanswered).
// A request counts in the window by when it was decided (answered or expired); one still PENDING,
// one the mentee or an admin cancelled before an answer, and an unpaid one do not count. A
// booking confirmed and later completed or cancelled still counts as confirmed.
//
// One SQL statement for any number of mentors (the mentors list asks for a page at once), with
// the median computed by PostgreSQL (percentile_cont). Mentees see the figures only from
// RELIABILITY_MINIMUM_REQUESTS decided requests on: fewer say little.
//
// The figures are 90 days of a mentor's answers, and the public list of mentors asks for a
// page of them on every read: kept per instance for RELIABILITY_CACHE_MS (cachedReliability),
// and forgotten on this instance as soon as one of the mentor's bookings changes here
// (forgetReliability, from services.publish). A mentor's own Earnings page reads them fresh.
import { LRUCache } from "lru-cache";
import { directQuery, type Db } from "../db/client.ts";

export const RELIABILITY_WINDOW_DAYS = 90;
export const RELIABILITY_MINIMUM_REQUESTS = 5;

export interface MentorReliability {
  /** Median minutes from payment to answer, rounded; null when no request was answered. */
  medianResponseMinutes: number | null;
  /** confirmed / (confirmed + declined + expired), 0..1; null when none was decided. */
  acceptanceRate: number | null;
  /** Requests the mentor answered (confirmed or declined): what the median is over. */
  answeredCount: number;
  confirmedCount: number;
  declinedCount: number;
  /** Paid requests that expired unanswered (or whose card authorisation lapsed first). */
  expiredCount: number;
  sinceDays: number;
  /** Enough decided requests to show mentees (RELIABILITY_MINIMUM_REQUESTS). */
  meaningful: boolean;
}

interface Row {
  mentorId: string;
  confirmed: number;
  declined: number;
  expired: number;
  median_seconds: number | null;
}

export function emptyReliability(): MentorReliability {
  return figures({ mentorId: "", confirmed: 0, declined: 0, expired: 0, median_seconds: null });
}

function figures(row: Row): MentorReliability {
  const answered = row.confirmed + row.declined;
  const decided = answered + row.expired;
  return {
    medianResponseMinutes: row.median_seconds === null ? null : Math.round(Number(row.median_seconds) / 60),
    acceptanceRate: decided === 0 ? null : row.confirmed / decided,
    answeredCount: answered,
    confirmedCount: row.confirmed,
    declinedCount: row.declined,
    expiredCount: row.expired,
    sinceDays: RELIABILITY_WINDOW_DAYS,
    meaningful: decided >= RELIABILITY_MINIMUM_REQUESTS,
  };
}

/** The figures of each mentor (every id present in the answer; a mentor without requests: zeros). */
export async function mentorReliability(db: Db, mentorIds: readonly string[], now = new Date()): Promise<Map<string, MentorReliability>> {
  const result = new Map<string, MentorReliability>();
  if (mentorIds.length === 0) return result;
  const since = new Date(now.getTime() - RELIABILITY_WINDOW_DAYS * 86_400_000);
  // Sent to the driver directly when it can be (Prisma's raw queries pay its per-call overhead too).
  const sql = `
    SELECT "mentorId"::text AS "mentorId",
      count(*) FILTER (WHERE "confirmedAt" IS NOT NULL)::int AS confirmed,
      count(*) FILTER (WHERE "confirmedAt" IS NULL AND "declinedAt" IS NOT NULL)::int AS declined,
      count(*) FILTER (WHERE "confirmedAt" IS NULL AND "declinedAt" IS NULL AND "expiredAt" IS NOT NULL)::int AS expired,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM COALESCE("confirmedAt", "declinedAt") - "paidAt"))
        FILTER (WHERE COALESCE("confirmedAt", "declinedAt") IS NOT NULL) AS median_seconds
    FROM "Booking"
    WHERE "mentorId" = ANY($1::uuid[])
      AND "paidAt" IS NOT NULL
      AND COALESCE("confirmedAt", "declinedAt", "expiredAt") >= $2::timestamptz
      AND COALESCE("confirmedAt", "declinedAt", "expiredAt") <= $3::timestamptz
    GROUP BY "mentorId"`;
  const params = [[...new Set(mentorIds)], since.toISOString(), now.toISOString()];
  const direct = directQuery(db);
  const rows = direct ? await direct<Row>(sql, params) : await db.$queryRawUnsafe<Row[]>(sql, ...params);
  for (const id of mentorIds) result.set(id, emptyReliability());
  for (const row of rows) result.set(row.mentorId, figures(row));
  return result;
}

/** How long an instance keeps the figures it read for the public list of mentors. */
export const RELIABILITY_CACHE_MS = 60_000;
const caches = new WeakMap<Db, LRUCache<string, MentorReliability>>();
const cacheOf = (db: Db) => {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache({ max: 10_000, ttl: RELIABILITY_CACHE_MS });
    caches.set(db, cache);
  }
  return cache;
};

/**
 * The figures of each mentor, those of `fresh` read now, the others as this instance read them
 * within RELIABILITY_CACHE_MS (read now when it has none): one statement for all that are read.
 */
export async function cachedReliability(db: Db, mentorIds: readonly string[], fresh: ReadonlySet<string> = new Set()) {
  const cache = cacheOf(db);
  const read = mentorIds.filter((id) => fresh.has(id) || !cache.has(id));
  const figures = read.length > 0 ? await mentorReliability(db, read) : new Map<string, MentorReliability>();
  for (const [id, value] of figures) cache.set(id, value);
  return new Map(mentorIds.map((id) => [id, figures.get(id) ?? cache.get(id) ?? emptyReliability()]));
}

/** A booking of the mentor changed on this instance: its figures are read again when next asked. */
export function forgetReliability(db: Db, mentorId: string): void {
  caches.get(db)?.delete(mentorId);
}
