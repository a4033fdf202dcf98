import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box";

describe("SecretBox", () => {
  const box = new SecretBox("x".repeat(40));

  it("round-trips and never stores the plaintext", () => {
    const sealed = box.seal("na1-at-secret-token");
    expect(sealed).not.toContain("secret-token");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(box.open(sealed)).toBe("na1-at-secret-token");
  });

  it("uses a fresh IV each time", () => {
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("rejects tampering and other keys", () => {
    const sealed = box.seal("value");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("forged").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
    expect(() => new SecretBox("y".repeat(40)).open(sealed)).toThrow();
  });

  it("refuses short secrets", () => {
    expect(() => new SecretBox("short")).toThrow(/32 characters/);
  });
});
