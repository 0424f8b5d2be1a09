// The first page of approved mentors (Query.mentors, the mentees' front page), with whatever
// relations the selection asks for (profile, session types with the viewer's filter), in ONE
// statement sent to the driver: Prisma 6 compiles the nested query again on every call, most
// of the read's CPU (server/db/json-select.ts builds the relations, as for the dashboard).
import { directQuery, type Db } from "../db/client.ts";
import { jsonObject, readRow } from "../db/json-select.ts";
import type { User } from "../generated/prisma/client.ts";

/**
 * `query` is plugin-prisma's (select/include, `take` = page size + 1). Null when the single
 * statement does not do this read (a cursor, a selection json-select.ts does not build, a
 * transaction's client): the caller reads the page with Prisma then.
 */
export async function readMentorsPage(db: Db, query: Record<string, unknown>): Promise<User[] | null> {
  const direct = directQuery(db);
  const { take, skip, cursor, ...selection } = query;
  if (!direct || cursor !== undefined || (skip !== undefined && skip !== 0) || typeof take !== "number" || take <= 0 || take > 1000) {
    return null;
  }
  const params: unknown[] = [];
  const row = jsonObject("User", "u", selection, params);
  if (!row) return null;
  const sql = `SELECT ${row.sql} AS row FROM "User" u JOIN "MentorProfile" approved ON approved."userId" = u.id
    WHERE u.role = 'MENTOR' AND approved."approvedAt" IS NOT NULL
    ORDER BY u."createdAt" DESC, u.id DESC LIMIT ${take}`;
  const rows = await direct<{ row: unknown }>(sql, params);
  return rows.map(({ row: value }) => readRow<User>((typeof value === "string" ? JSON.parse(value) : value) as unknown[], row.reader));
}
