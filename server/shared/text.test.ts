import { describe, expect, it } from "vitest";
import { cleanText, hasControlCharacters, isWellFormed } from "./text.ts";
import type { ValidationError } from "./errors.ts";

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
    expect(rule("a\u0085b", { max: 5 })).toBe("characters");
    expect(rule("a\nb", { max: 5, singleLine: true })).toBe("characters");
    expect(rule("a\u2028b", { max: 5, singleLine: true })).toBe("characters");
    expect(rule("", { max: 5 })).toBe("ok");
  });
  it("refuses lone surrogates, which have no UTF-8 encoding, and keeps pairs", () => {
    expect(rule("a\uD800b", { max: 5 })).toBe("unicode");
    expect(rule("a\uDC00", { max: 5 })).toBe("unicode");
    expect(rule("\uDC00\uD800", { max: 5 })).toBe("unicode");
    expect(cleanText("f", "Field", "hi \uD83D\uDE00", { max: 5 })).toBe("hi 😀");
  });
  it("normalises to NFC, so one text has one spelling and one length", () => {
    const decomposed = "Jose\u0301";
    expect(cleanText("f", "Field", decomposed, { max: 4 })).toBe("Jos\u00E9");
  });
});

describe("isWellFormed and hasControlCharacters", () => {
  it("tell text PostgreSQL can store from text it cannot", () => {
    expect(isWellFormed("plain ✓ 😀")).toBe(true);
    expect(isWellFormed("\uD83D")).toBe(false);
    expect(hasControlCharacters("tab\tand\nline")).toBe(false);
    expect(hasControlCharacters("tab\t", { singleLine: true })).toBe(true);
    expect(hasControlCharacters("\u007F")).toBe(true);
  });
});
