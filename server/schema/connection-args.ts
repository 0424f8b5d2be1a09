// Relay connection arguments (first, last, after, before) are checked before any connection's
// resolver runs, on every connection of the schema (a new one is covered without a line here).
// Pothos would throw a plain error for a negative page size or an undecodable cursor, and pass a
// decodable one with a non-uuid inside straight to PostgreSQL: both are masked internal errors.
// A connection field returns no union to put a ValidationError in, so this is a GraphQL error
// with extensions { code: "INVALID_INPUT", field, rule }, like Earnings.monthly's.
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLField, type GraphQLSchema } from "graphql";
import { isUuid } from "../shared/ids.ts";

/**
 * A database connection pages by a uuid column (cursor: "id" or another uuid), so its cursor is
 * Pothos' encoding of a uuid. A list kept in one row (a reconciliation's divergences) pages by
 * offset, Pothos' `OffsetConnection:<n>`: such a field says so with the extension
 * OFFSET_CURSORS, and accepts only those.
 */
const CURSOR = /^GPC:S:(.*)$/s;
const OFFSET_CURSOR = /^OffsetConnection:(0|[1-9]\d{0,8})$/;
export const OFFSET_CURSORS = { offsetCursors: true } as const;

export function isValidCursor(cursor: unknown, offset = false): boolean {
  if (typeof cursor !== "string" || cursor.length > 200) return false;
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  // Only the canonical encoding: what Pothos issued, not everything Buffer tolerates.
  if (Buffer.from(decoded, "utf8").toString("base64") !== cursor) return false;
  return offset ? OFFSET_CURSOR.test(decoded) : isUuid(CURSOR.exec(decoded)?.[1]);
}

function invalid(field: string, rule: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "INVALID_INPUT", field, rule } });
}

export function checkConnectionArgs(args: Record<string, unknown>, offset = false): void {
  for (const name of ["first", "last"]) {
    const size = args[name];
    if (size != null && (typeof size !== "number" || size < 0)) {
      throw invalid(name, "min", `${name} must be 0 or more.`);
    }
  }
  for (const name of ["after", "before"]) {
    const cursor = args[name];
    if (cursor != null && !isValidCursor(cursor, offset)) {
      throw invalid(name, "cursor", `${name} must be a cursor this API returned (an edge's cursor or pageInfo's endCursor/startCursor).`);
    }
  }
}

const isConnection = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => arg.name === "after" || arg.name === "before");

/** Wraps the resolver of every connection field of the schema with checkConnectionArgs. */
export function guardConnectionArgs(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isConnection(field)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const offset = field.extensions?.offsetCursors === true;
      field.resolve = (source, args, context, info) => {
        checkConnectionArgs(args, offset);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
