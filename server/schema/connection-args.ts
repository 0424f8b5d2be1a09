// Relay connection arguments (first, last, after, before) are checked before any connection's
// resolver runs, on every connection of the schema (a new one is covered without a line here).
// Pothos would throw a plain error for a negative page size or an undecodable cursor, and pass a
// decodable one with a non-uuid inside straight to PostgreSQL: both are masked internal errors.
// A connection field returns no union to put a ValidationError in, so this is a GraphQL error
// with extensions { code: "INVALID_INPUT", field, rule }, like Earnings.monthly's.
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLField, type GraphQLSchema } from "graphql";
import { isUuid } from "../shared/ids.ts";

/** Every connection pages by `id` (cursor: "id"), so a cursor is Pothos' encoding of a uuid. */
const CURSOR = /^GPC:S:(.*)$/s;

export function isValidCursor(cursor: unknown): boolean {
  if (typeof cursor !== "string" || cursor.length > 200) return false;
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  const id = CURSOR.exec(decoded)?.[1];
  // Only the canonical encoding: what Pothos issued, not everything Buffer tolerates.
  return isUuid(id) && Buffer.from(decoded, "utf8").toString("base64") === cursor;
}

function invalid(field: string, rule: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "INVALID_INPUT", field, rule } });
}

export function checkConnectionArgs(args: Record<string, unknown>): void {
  for (const name of ["first", "last"]) {
    const size = args[name];
    if (size != null && (typeof size !== "number" || size < 0)) {
      throw invalid(name, "min", `${name} must be 0 or more.`);
    }
  }
  for (const name of ["after", "before"]) {
    const cursor = args[name];
    if (cursor != null && !isValidCursor(cursor)) {
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
      field.resolve = (source, args, context, info) => {
        checkConnectionArgs(args);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
