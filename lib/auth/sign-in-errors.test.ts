import { describe, expect, it } from "vitest";
import { SIGN_IN_ERRORS, signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("gives each known code its fixed message", () => {
    expect(signInErrorMessage("access_denied")).toBe(SIGN_IN_ERRORS.access_denied);
    expect(signInErrorMessage("other_browser")).toMatch(/not started in this browser/);
  });

  it.each(["<script>alert(1)</script>", "Call support at +1 555 0100", "constructor", "__proto__", "toString"])(
    "shows a generic message for %j, never the text",
    (code) => {
      const message = signInErrorMessage(code);
      expect(message).toBe("Signing in did not work. Please try again.");
    },
  );

  it("shows nothing without a code", () => {
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });
});
