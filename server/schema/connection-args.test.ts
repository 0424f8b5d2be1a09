import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { checkConnectionArgs, isValidCursor } from "./connection-args.ts";

const cursorOf = (value: string) => Buffer.from(`GPC:S:${value}`).toString("base64");
const UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

function refusal(args: Record<string, unknown>) {
  try {
    checkConnectionArgs(args);
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { code, field, rule } = (error as GraphQLError).extensions;
    expect(code).toBe("INVALID_INPUT");
    return `${field}:${rule}`;
  }
}

describe("connection arguments", () => {
  it("accept the cursors Pothos issues for uuid ids", () => {
    expect(isValidCursor(cursorOf(UUID))).toBe(true);
    expect(refusal({ first: 0, after: cursorOf(UUID), last: null, before: null })).toBe("ok");
  });
  it("refuse cursors that would reach a uuid column as something else", () => {
    for (const bad of [
      "",
      "garbage",
      "R1BDOlM6",
      cursorOf("not-a-uuid"),
      cursorOf("-".repeat(36)),
      Buffer.from(`GPC:N:1`).toString("base64"),
      `${cursorOf(UUID)}==`,
      cursorOf(UUID).slice(0, -4),
      "\uD800",
    ]) {
      expect(isValidCursor(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(refusal({ after: "garbage" })).toBe("after:cursor");
    expect(refusal({ before: cursorOf("x") })).toBe("before:cursor");
  });
  it("accept offset cursors only where the field pages by offset, and uuid cursors only elsewhere", () => {
    const offsetOf = (value: string) => Buffer.from(`OffsetConnection:${value}`).toString("base64");
    expect(isValidCursor(offsetOf("0"), true)).toBe(true);
    expect(isValidCursor(offsetOf("41"), true)).toBe(true);
    for (const bad of [offsetOf("-1"), offsetOf("01"), offsetOf("1e3"), offsetOf("9999999999"), offsetOf(""), cursorOf(UUID)]) {
      expect(isValidCursor(bad, true), bad).toBe(false);
    }
    expect(isValidCursor(offsetOf("3"))).toBe(false);
    expect(refusal({ after: offsetOf("3") })).toBe("after:cursor");
  });
  it("refuse negative page sizes", () => {
    expect(refusal({ first: -1 })).toBe("first:min");
    expect(refusal({ last: -5 })).toBe("last:min");
  });
});
