import { GraphQLError, Kind } from "graphql";
import { builder } from "./builder.ts";
import { formatMoney } from "../shared/money.ts";

function parseDate(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError("DateTime must be an ISO 8601 string");
  // JavaScript dates reach 271,821 BC; PostgreSQL's timestamptz does not (a masked error there).
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new GraphQLError("DateTime must be between the years 1 and 9999");
  return date;
}

builder.scalarType("DateTime", {
  description: "An instant as an ISO 8601 string in UTC, e.g. 2026-11-24T12:00:00.000Z, between the years 1 and 9999.",
  serialize: (value) => (value as Date).toISOString(),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.objectType("Money", {
  description: "An amount in integer minor units (cents) of a currency.",
  fields: (t) => ({
    amountCents: t.exposeInt("amountCents", { description: "The amount in the currency's minor unit (cents)." }),
    currency: t.string({ description: "ISO 4217, upper case", resolve: (money) => money.currency.toUpperCase() }),
    formatted: t.string({ description: "For display only, e.g. $12.50", resolve: (money) => formatMoney(money) }),
  }),
});
