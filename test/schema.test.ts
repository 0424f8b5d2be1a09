// schema.graphql is printed from the code (npm run schema); this fails when they differ.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, isObjectType, isUnionType } from "graphql";
import { printedSchema, SCHEMA_FILE } from "../server/schema/print.ts";

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
});
