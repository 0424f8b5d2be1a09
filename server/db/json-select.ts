// Prisma's `include`/`select` tree (as @pothos/plugin-prisma builds it from a GraphQL selection)
// as ONE PostgreSQL expression that builds each row with its relations as JSON, and the reader
// that turns that JSON back into what Prisma would have returned (DateTime fields as Date).
// A row travels as a JSON array of its values in a fixed order (json_build_array), not as an
// object: the field names, a third of a dashboard page's bytes when repeated in every row, are
// the reader's, and the bytes are what the driver decodes and parses on every request.
// It serves reads that must stay one statement and cheap whatever they nest (a dashboard page):
// Prisma 6 compiles every query again on every call, which cost a large share of such a read's
// CPU. Only what a selection needs is supported: scalar fields, to-one and to-many relations,
// `orderBy` on a to-many relation's scalars, and (when the caller passes `params`, where the
// values go) a to-many relation's `where` of equalities on its scalars under AND and OR.
// Anything else (other filters, `take`, `_count`, a BigInt, Decimal, Bytes or Json field)
// answers null, and the caller asks Prisma.
// User.passwordHash is never read: no field of the schema shows it.
import { LRUCache } from "lru-cache";
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

/** How a JSON row (an array of values) is turned back into Prisma's values: each value's field name, which are dates, which relations nest. */
export interface Reader {
  /** The field name of each position of the row's array. */
  names: string[];
  /** What the value at each position is: a plain value, a date, or a to-one ("one", a row) or to-many ("many", rows) relation read with `readers[i]`. */
  kinds: Array<"value" | "date" | "one" | "many">;
  readers: Array<Reader | undefined>;
}

type Query = Record<string, unknown>;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const idOf = (model: string) => models[model]!.fields.find((f) => f.isId)!.name;

type Built = { sql: string; reader: Reader } | null;
/** What jsonObject built, by the query's text: a page asks the same on every request. */
const built = new LRUCache<string, { value: Built; params: unknown[] }>({ max: 1_000 });

/**
 * `json_build_array(...)` of the row `alias` of `model`, with what `query` ({ include } or
 * { select }, as Prisma takes them) asks for; null when something in it is not supported. The
 * values of a relation's `where` are appended to `params` (their placeholders number on from its
 * length); without `params`, a `where` is not supported.
 */
export function jsonObject(model: string, alias: string, query: Query | true, params?: unknown[]): Built {
  let key: string;
  try {
    key = `${model}\u0000${alias}\u0000${params ? params.length : "-"}\u0000${JSON.stringify(query)}`;
  } catch {
    return buildObject(model, alias, query, 0, params);
  }
  const hit = built.get(key);
  if (hit) {
    params?.push(...hit.params);
    return hit.value;
  }
  const before = params?.length ?? 0;
  const value = buildObject(model, alias, query, 0, params);
  built.set(key, { value, params: params?.slice(before) ?? [] });
  return value;
}

function buildObject(model: string, alias: string, query: Query | true, depth: number, params?: unknown[]): Built {
  const fields = models[model]?.fields;
  if (!fields || depth > 6) return null;
  const q: Query = query === true ? {} : query;
  for (const key of Object.keys(q)) if (key !== "include" && key !== "select") return null;
  const select = q.select as Query | undefined;
  const include = q.include as Query | undefined;
  const parts: string[] = [];
  const reader: Reader = { names: [], kinds: [], readers: [] };
  const wanted = (field: FieldModel) => (select ? Boolean(select[field.name]) : field.kind !== "object" || Boolean(include?.[field.name]));
  for (const name of Object.keys(select ?? include ?? {})) {
    if (!fields.some((f) => f.name === name) && (select ?? include)![name]) return null; // _count and the like
  }
  for (const field of fields) {
    if (!wanted(field) || NEVER_READ[model]?.has(field.name)) continue;
    if (field.kind === "scalar" || field.kind === "enum") {
      if (UNSUPPORTED_TYPES.has(field.type)) return null;
      const date = field.type === "DateTime" && !field.isList;
      // A date travels as milliseconds since the epoch: cheaper to write, send and read than
      // text, and what a Date holds (Prisma keeps milliseconds; floor drops what it drops).
      parts.push(date ? `floor(extract(epoch FROM ${alias}.${quote(field.name)}) * 1000)::bigint` : `${alias}.${quote(field.name)}`);
      reader.names.push(field.name);
      reader.kinds.push(date ? "date" : "value");
      reader.readers.push(undefined);
      continue;
    }
    if (field.kind !== "object") return null;
    const relation = relationJson(model, alias, field, (select ?? include)![field.name] as Query | true, depth + 1, params);
    if (!relation) return null;
    parts.push(relation.sql);
    reader.names.push(field.name);
    reader.kinds.push(field.isList ? "many" : "one");
    reader.readers.push(relation.reader);
  }
  // json_build_array takes at most 100 arguments.
  if (parts.length > 100) return null;
  return { sql: `json_build_array(${parts.join(", ")})`, reader };
}

function relationJson(model: string, alias: string, field: FieldModel, args: Query | true, depth: number, params?: unknown[]) {
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
  const { orderBy, where, ...nested } = args === true ? ({} as Query) : args;
  if ((orderBy !== undefined || where !== undefined) && !field.isList) return null;
  let filter = "";
  if (where !== undefined) {
    const condition = params ? whereSql(target, targetAlias, where, params) : null;
    if (condition === null) return null;
    filter = ` AND ${condition}`;
  }
  const inner = buildObject(target, targetAlias, nested, depth, params);
  if (!inner) return null;
  const from = `FROM ${quote(target)} ${targetAlias} WHERE ${join}${filter}`;
  if (!field.isList) return { sql: `(SELECT ${inner.sql} ${from})`, reader: inner.reader };
  const order = orderSql(target, targetAlias, orderBy);
  if (order === null) return null;
  return { sql: `(SELECT coalesce(json_agg(${inner.sql}${order ? ` ORDER BY ${order}` : ""}), '[]'::json) ${from})`, reader: inner.reader };
}

/**
 * A Prisma `where` of equalities on scalar fields (`{ active: true, mentorId: "…" }`), combined
 * with AND and OR lists, as SQL with its values appended to `params`; null for anything else.
 */
function whereSql(model: string, alias: string, where: unknown, params: unknown[]): string | null {
  if (typeof where !== "object" || where === null || Array.isArray(where)) return null;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where as Query)) {
    if (key === "AND" || key === "OR") {
      if (!Array.isArray(value) || value.length === 0) return null;
      const each = value.map((item) => whereSql(model, alias, item, params));
      if (each.some((part) => part === null)) return null;
      parts.push(`(${each.join(key === "AND" ? " AND " : " OR ")})`);
      continue;
    }
    const field = models[model]!.fields.find((f) => f.name === key);
    if (!field || (field.kind !== "scalar" && field.kind !== "enum") || field.isList || UNSUPPORTED_TYPES.has(field.type)) return null;
    if (typeof value !== "string" && typeof value !== "boolean" && !(typeof value === "number" && Number.isInteger(value))) return null;
    params.push(value);
    // Compared as text: the parameter's type is the column's whatever it is (uuid, an enum, text).
    parts.push(
      typeof value === "string" ? `${alias}.${quote(key)}::text = $${params.length}::text` : `${alias}.${quote(key)} = $${params.length}`,
    );
  }
  return parts.length > 0 ? `(${parts.join(" AND ")})` : "true";
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

/** Turns a row read as JSON (the array jsonObject's SQL builds) back into Prisma's values. */
export function readRow<T>(row: unknown[], reader: Reader): T {
  const out: Record<string, unknown> = {};
  const { names, kinds, readers } = reader;
  for (let i = 0; i < names.length; i++) {
    const value = row[i];
    const kind = kinds[i];
    if (kind === "value" || value === null || value === undefined) out[names[i]!] = value ?? null;
    else if (kind === "date") out[names[i]!] = new Date(value as number);
    else if (kind === "many") out[names[i]!] = (value as unknown[][]).map((item) => readRow(item, readers[i]!));
    else out[names[i]!] = readRow(value as unknown[], readers[i]!);
  }
  return out as T;
}
