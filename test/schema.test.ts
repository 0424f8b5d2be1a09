// schema.graphql is printed from the code (npm run schema); this fails when they differ.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, getNamedType, isEnumType, isNonNullType, isObjectType, isUnionType, type GraphQLSchema } from "graphql";
import { printedSchema, SCHEMA_FILE } from "../server/schema/print.ts";
import { VALIDATION_RULES } from "../server/shared/errors.ts";

describe("schema.graphql", () => {
  it("matches the schema built from the code", () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    expect(committed, "schema.graphql is stale: run `npm run schema`").toBe(printedSchema());
  });

  it("returns every mutation's domain failures as members of a result union implementing Error", () => {
    const schema = buildSchema(printedSchema());
    const errorInterface = schema.getType("Error");
    expect(errorInterface).toBeDefined();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(5);
    for (const field of mutations) {
      const type = "ofType" in field.type ? field.type.ofType : field.type;
      expect(isUnionType(type), `${field.name} returns a union`).toBe(true);
      if (!isUnionType(type)) continue;
      const errors = type.getTypes().filter((member) => member.getInterfaces().some((i) => i.name === "Error"));
      const successes = type.getTypes().filter((member) => !errors.includes(member));
      expect(errors.length, `${field.name} has error members`).toBeGreaterThan(0);
      expect(successes, `${field.name} has one success member`).toHaveLength(1);
      for (const error of errors) expect(isObjectType(error) && error.getFields().code).toBeTruthy();
    }
  });

  it("follows the conventions: XResult = XSuccess | errors, named fields, ValidationError only where input can be invalid", () => {
    const schema = buildSchema(printedSchema());
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const name = field.name.charAt(0).toUpperCase() + field.name.slice(1);
      const union = getNamedType(field.type);
      expect(union.name, field.name).toBe(`${name}Result`);
      if (!isUnionType(union)) continue;
      const members = union.getTypes().map((member) => member.name);
      expect(members, field.name).toContain(`${name}Success`);
      const success = schema.getType(`${name}Success`);
      expect(isObjectType(success) && Object.keys(success.getFields()), field.name).not.toContain("data");
      // Ids name something or nothing (NOT_FOUND); only other input can break a rule.
      const takesInput = field.args.some((arg) => getNamedType(arg.type).name !== "ID");
      expect(members.includes("ValidationError"), `${field.name}: ValidationError iff it takes input other than ids`).toBe(takesInput);
    }
  });

  it("names every connection after its node (XConnection, XEdge) and pages every list that can grow", () => {
    const schema = buildSchema(printedSchema());
    const connections = connectionFields(schema);
    expect(connections.length).toBeGreaterThan(4);
    for (const { owner, field, type } of connections) {
      const edge = getNamedType(type.getFields().edges!.type);
      const node = isObjectType(edge) ? getNamedType(edge.getFields().node!.type) : null;
      expect(type.name, `${owner}.${field}`).toBe(`${node?.name}Connection`);
      expect(edge.name, `${owner}.${field}`).toBe(`${node?.name}Edge`);
    }
    // Lists of rows that grow without bound are connections.
    const query = schema.getQueryType()!.getFields();
    for (const name of ["bookings", "mentors", "mentorsAwaitingApproval", "apiKeys", "failedEmails"]) {
      expect(getNamedType(query[name]!.type).name, name).toMatch(/Connection$/);
    }
    // "Connection" is only for connections.
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.endsWith("Connection")) expect(isObjectType(type) && Boolean(type.getFields().edges), type.name).toBe(true);
    }
  });

  it("types fixed sets of values as enums", () => {
    const schema = buildSchema(printedSchema());
    const typeOf = (type: string, field: string) => {
      const object = schema.getType(type);
      return isObjectType(object) ? object.getFields()[field]!.type : null;
    };
    const action = typeOf("InvalidTransitionError", "action");
    expect(isNonNullType(action) && isEnumType(action.ofType) && action.ofType.name).toBe("BookingAction");
    const rule = typeOf("ValidationError", "rule");
    expect(isNonNullType(rule) && isEnumType(rule.ofType) && rule.ofType.name).toBe("ValidationRule");
    const status = schema
      .getQueryType()!
      .getFields()
      .bookings!.args.find((arg) => arg.name === "status");
    expect(String(status?.type)).toBe("[BookingStatus!]");
  });

  it("has a ValidationRule value for every rule the server's code names", () => {
    // Every `new ValidationError(field, "rule", ...)` in the server: its rule must be in the enum,
    // or the ValidationError could not be returned.
    const sources = execFileSync("git", ["grep", "-h", "-o", "-E", 'ValidationError\\([^,]+, "[a-z_]+"', "--", "server/*.ts"], {
      encoding: "utf8",
    });
    const rules = new Set([...sources.matchAll(/"([a-z_]+)"$/gm)].map((match) => match[1]!));
    expect(rules.size).toBeGreaterThan(8);
    for (const rule of rules) expect(Object.keys(VALIDATION_RULES), rule).toContain(rule);
  });
});

function connectionFields(schema: GraphQLSchema) {
  const found: { owner: string; field: string; type: import("graphql").GraphQLObjectType }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((arg) => arg.name === "after")) continue;
      const named = getNamedType(field.type);
      if (isObjectType(named)) found.push({ owner: type.name, field: field.name, type: named });
    }
  }
  return found;
}
