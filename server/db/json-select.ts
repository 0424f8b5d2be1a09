// Prisma's `include`/`select` tree (as @pothos/plugin-prisma builds it from a GraphQL selection)
// as ONE PostgreSQL expression that builds each row with its relations as JSON, and the reader
// that turns that JSON back into what Prisma would have returned (DateTime fields as Date).
// It serves reads that must stay one statement and cheap whatever they nest (a dashboard page):
// Prisma 6 compiles every query again on every call, which cost a large share of such a read's
// CPU. Only what a selection needs is supported: scalar fields, to-one and to-many relations,
// and `orderBy` on a to-many relation's scalars. Anything else (a nested `where`, `take`,
// `_count`, a BigInt, Decimal, Bytes or Json field) answers null, and the caller asks Prisma.
// User.passwordHash is never read: no field of the schema shows it.
import { getDatamodel } from "../generated/pothos-types.ts";

interface FieldModel {
  name: string;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isId: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

const models = getDatamodel().datamodel.models as unknown as Record<string, { fields: FieldModel[] }>;
const NEVER_READ: Record<string, ReadonlySet<string>> = { User: new Set(["passwordHash"]) };
const UNSUPPORTED_TYPES = new Set(["BigInt", "Decimal", "Bytes", "Json"]);

/** How a JSON row is turned back into Prisma's values: which fields are dates, which relations nest. */
export interface Reader {
  dates: string[];
  relations: Array<{ name: string; reader: Reader }>;
}

type Query = Record<string, unknown>;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const idOf = (model: string) => models[model]!.fields.find((f) => f.isId)!.name;

/**
 * `json_build_object(...)` of the row `alias` of `model`, with what `query` ({ include } or
 * { select }, as Prisma takes them) asks for; null when something in it is not supported.
 */
export function jsonObject(model: string, alias: string, query: Query | true, depth = 0): { sql: string; reader: Reader } | null {
  const fields = models[model]?.fields;
  if (!fields || depth > 6) return null;
  const q: Query = query === true ? {} : query;
  for (const key of Object.keys(q)) if (key !== "include" && key !== "select") return null;
  const select = q.select as Query | undefined;
  const include = q.include as Query | undefined;
  const parts: string[] = [];
  const reader: Reader = { dates: [], relations: [] };
  const wanted = (field: FieldModel) => (select ? Boolean(select[field.name]) : field.kind !== "object" || Boolean(include?.[field.name]));
  for (const name of Object.keys(select ?? include ?? {})) {
    if (!fields.some((f) => f.name === name) && (select ?? include)![name]) return null; // _count and the like
  }
  for (const field of fields) {
    if (!wanted(field) || NEVER_READ[model]?.has(field.name)) continue;
    if (field.kind === "scalar" || field.kind === "enum") {
      if (UNSUPPORTED_TYPES.has(field.type)) return null;
      parts.push(`'${field.name}', ${alias}.${quote(field.name)}`);
      if (field.type === "DateTime" && !field.isList) reader.dates.push(field.name);
      continue;
    }
    if (field.kind !== "object") return null;
    const relation = relationJson(model, alias, field, (select ?? include)![field.name] as Query | true, depth + 1);
    if (!relation) return null;
    parts.push(`'${field.name}', ${relation.sql}`);
    reader.relations.push({ name: field.name, reader: relation.reader });
  }
  // json_build_object takes at most 100 arguments.
  if (parts.length > 50) return null;
  return { sql: `json_build_object(${parts.join(", ")})`, reader };
}

function relationJson(model: string, alias: string, field: FieldModel, args: Query | true, depth: number) {
  const target = field.type;
  const targetAlias = `j${depth}_${field.name}`;
  let join: string;
  if (field.relationFromFields && field.relationFromFields.length === 1) {
    join = `${targetAlias}.${quote(idOf(target))} = ${alias}.${quote(field.relationFromFields[0]!)}`;
  } else {
    const back = models[target]!.fields.find((f) => f.relationName === field.relationName && f.relationFromFields?.length === 1);
    if (!back) return null;
    join = `${targetAlias}.${quote(back.relationFromFields![0]!)} = ${alias}.${quote(idOf(model))}`;
  }
  const { orderBy, ...nested } = args === true ? ({} as Query) : args;
  if (orderBy !== undefined && !field.isList) return null;
  const inner = jsonObject(target, targetAlias, nested, depth);
  if (!inner) return null;
  const from = `FROM ${quote(target)} ${targetAlias} WHERE ${join}`;
  if (!field.isList) return { sql: `(SELECT ${inner.sql} ${from})`, reader: inner.reader };
  const order = orderSql(target, targetAlias, orderBy);
  if (order === null) return null;
  return { sql: `(SELECT coalesce(json_agg(${inner.sql}${order ? ` ORDER BY ${order}` : ""}), '[]'::json) ${from})`, reader: inner.reader };
}

/** `{ a: "asc" }` or `[{ a: "asc" }, { b: "desc" }]` on scalar fields; null otherwise. */
function orderSql(model: string, alias: string, orderBy: unknown): string | null {
  if (orderBy === undefined) return "";
  const items = Array.isArray(orderBy) ? orderBy : [orderBy];
  const parts: string[] = [];
  for (const item of items as Query[]) {
    for (const [name, direction] of Object.entries(item)) {
      const field = models[model]!.fields.find((f) => f.name === name);
      if (!field || field.kind === "object" || (direction !== "asc" && direction !== "desc")) return null;
      parts.push(`${alias}.${quote(name)} ${direction.toUpperCase()}`);
    }
  }
  return parts.join(", ");
}

/** Turns a row read as JSON back into Prisma's values, in place. */
export function readRow<T>(row: Record<string, unknown>, reader: Reader): T {
  for (const name of reader.dates) {
    const value = row[name];
    if (typeof value === "string") row[name] = new Date(value);
  }
  for (const { name, reader: nested } of reader.relations) {
    const value = row[name];
    if (Array.isArray(value)) for (const item of value) readRow(item as Record<string, unknown>, nested);
    else if (value !== null && typeof value === "object") readRow(value as Record<string, unknown>, nested);
  }
  return row as T;
}
