import { describe, expect, it } from "vitest";
import { checkPassword, normaliseEmail } from "./auth.ts";
import { ValidationError } from "../shared/errors.ts";

async function passwordRule(password: string, userInputs: string[] = []): Promise<string> {
  try {
    await checkPassword(password, userInputs);
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe("password");
    return (error as ValidationError).rule;
  }
}

describe("checkPassword", () => {
  it("refuses common, repeated and sequential passwords of any length", async () => {
    for (const weak of ["password123", "1234567890", "aaaaaaaaaa", "qwertyuiop", "P@ssw0rd!!", "iloveyou12", "demo-password"]) {
      expect(await passwordRule(weak), weak).toBe("weak");
    }
  });
  it("says why and what would help", async () => {
    const error = await checkPassword("password123").catch((e: unknown) => e as ValidationError);
    expect(error?.message).toMatch(/too easy to guess/);
    expect(error?.message).toMatch(/commonly used password/);
  });
  it("counts the account's own email and name as known words", async () => {
    expect(await passwordRule("marguerite.lachance", [])).toBe("ok");
    expect(
      await passwordRule("marguerite.lachance", ["marguerite.lachance@example.com", "marguerite.lachance", "Marguerite Lachance"]),
    ).toBe("weak");
  });
  it("accepts passphrases and keeps the length and character rules", async () => {
    expect(await passwordRule("correct horse battery")).toBe("ok");
    expect(await passwordRule("violet-anchor-trumpet-42")).toBe("ok");
    expect(await passwordRule("short")).toBe("min_length");
    expect(await passwordRule("x".repeat(257))).toBe("max_length");
    expect(await passwordRule("correct horse \uD800 battery")).toBe("characters");
  });
});

describe("normaliseEmail", () => {
  it("lower-cases, trims and normalises", () => {
    expect(normaliseEmail("  Ada@Example.COM ")).toBe("ada@example.com");
  });
  it("refuses what no account can have", () => {
    for (const bad of [
      "not-an-email",
      "a@b",
      "nul\u0000@example.com",
      "lone\uD800@example.com",
      "c1\u0085@example.com",
      `${"a".repeat(250)}@example.com`,
    ]) {
      expect(() => normaliseEmail(bad), JSON.stringify(bad)).toThrow(ValidationError);
    }
  });
});
