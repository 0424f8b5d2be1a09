import { describe, expect, it } from "vitest";
import { parseSessionLink, MAX_LINK_LENGTH } from "./links.ts";
import { ValidationError } from "../shared/errors.ts";

function ruleOf(raw: string): string {
  try {
    parseSessionLink("meetingLink", raw);
  } catch (error) {
    if (error instanceof ValidationError) return error.rule;
    throw error;
  }
  return "ok";
}

describe("parseSessionLink", () => {
  it("accepts https URLs and normalises them", () => {
    expect(parseSessionLink("meetingLink", " https://meet.google.com/abc-defg-hij ")).toBe("https://meet.google.com/abc-defg-hij");
    expect(parseSessionLink("x", "https://EXAMPLE.com")).toBe("https://example.com/");
  });
  it("names the rule that failed", () => {
    expect(ruleOf("")).toBe("required");
    expect(ruleOf("   ")).toBe("required");
    expect(ruleOf("not a url")).toBe("url");
    expect(ruleOf("meet.google.com/abc")).toBe("url");
    expect(ruleOf("http://meet.google.com/abc")).toBe("https");
    expect(ruleOf("javascript:alert(1)")).toBe("https");
    expect(ruleOf("data:text/html,hi")).toBe("https");
    expect(ruleOf("https://user:pw@meet.google.com/")).toBe("no_credentials");
    expect(ruleOf("https://user@meet.google.com/")).toBe("no_credentials");
    expect(ruleOf(`https://example.com/${"a".repeat(MAX_LINK_LENGTH)}`)).toBe("max_length");
  });
  it("accepts a link of exactly the maximum length", () => {
    const base = "https://example.com/";
    const link = base + "a".repeat(MAX_LINK_LENGTH - base.length);
    expect(parseSessionLink("x", link)).toHaveLength(MAX_LINK_LENGTH);
  });
  it("puts the field name in the message", () => {
    expect(() => parseSessionLink("availabilityLink", "http://x.io")).toThrow(/availabilityLink/);
  });
});
