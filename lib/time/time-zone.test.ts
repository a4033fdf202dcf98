import { afterEach, describe, expect, it, vi } from "vitest";
import { userTimeZone } from "./time-zone";

const RealDateTimeFormat = Intl.DateTimeFormat;

/** Intl answering `zone` for the default formatter, counting how often it is asked. */
function stubZone(zone: string) {
  const asked = { count: 0 };
  const Stub = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    if (args.length === 0) {
      asked.count++;
      return { resolvedOptions: () => ({ timeZone: zone }) };
    }
    return new RealDateTimeFormat(...args);
  };
  vi.stubGlobal("Intl", { ...Intl, DateTimeFormat: Stub });
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("userTimeZone", () => {
  it("asks Intl once for many cells, and again after a second, so a changed system zone shows", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
    vi.advanceTimersByTime(5000); // past any answer kept by an earlier test
    const asked = stubZone("Europe/Berlin");
    for (let i = 0; i < 1000; i++) expect(userTimeZone()).toBe("Europe/Berlin");
    expect(asked.count).toBe(1);

    const again = stubZone("America/New_York");
    vi.advanceTimersByTime(500);
    expect(userTimeZone()).toBe("Europe/Berlin");
    vi.advanceTimersByTime(600);
    expect(userTimeZone()).toBe("America/New_York");
    expect(again.count).toBe(1);
  });

  it("says UTC where Intl cannot tell", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-02T10:00:00Z"));
    stubZone("");
    expect(userTimeZone()).toBe("UTC");
  });
});
