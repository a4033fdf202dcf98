import { describe, expect, it, vi } from "vitest";
import { errorForLog, escapeForLog, logError } from "./log-error";

describe("log lines (issue 11, item 7)", () => {
  it("escapes CR, LF and other control characters of a user's text", () => {
    expect(escapeForLog("a\r\nb\u0000c\u2028d\te")).toBe("a\\r\\nb\\u0000c\\u2028d\\te");
  });

  it("writes an error whose message holds a forged line as one entry, stack frames kept", () => {
    const err = new Error("could not store “x\r\n[auth] admin signed in”");
    const text = errorForLog(err);
    expect(text.split("\n")[0]).toBe("Error: could not store “x\\r\\n[auth] admin signed in”");
    expect(
      text
        .split("\n")
        .slice(1)
        .every((line) => line.startsWith("    at ")),
    ).toBe(true);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    logError("[uploads]", new Error("a\nb"));
    expect(spy.mock.calls[0]![0]).toMatch(/^\[uploads\] Error: a\\nb\n {4}at /);
    spy.mockRestore();
  });
});
