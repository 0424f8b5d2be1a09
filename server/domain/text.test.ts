import { describe, expect, it } from "vitest";
import { cleanText } from "./text.ts";
import { ValidationError } from "./errors.ts";

const rule = (raw: string, options: Parameters<typeof cleanText>[3]) => {
  try {
    cleanText("f", "Field", raw, options);
    return "ok";
  } catch (error) {
    return (error as ValidationError).rule;
  }
};

describe("cleanText", () => {
  it("trims and keeps line breaks in messages", () => {
    expect(cleanText("f", "Field", "  hi\nthere\t ", { max: 20 })).toBe("hi\nthere");
  });
  it("names the rule that failed", () => {
    expect(rule("   ", { max: 5, required: true })).toBe("required");
    expect(rule("abcdef", { max: 5 })).toBe("max_length");
    expect(rule("a\u0000b", { max: 5 })).toBe("characters");
    expect(rule("a\u001Bb", { max: 5 })).toBe("characters");
    expect(rule("a\nb", { max: 5, singleLine: true })).toBe("characters");
    expect(rule("", { max: 5 })).toBe("ok");
  });
});
