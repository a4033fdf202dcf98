import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
});

// A fresh module per test: "drawn" is page-wide state.
const load = () => import("./after-first-content");

describe("afterFirstContent", () => {
  it("waits for the first content, then runs each waiter once", async () => {
    vi.useFakeTimers();
    const { afterFirstContent, firstContentDrawn } = await load();
    const run = vi.fn();
    afterFirstContent(run);
    expect(run).not.toHaveBeenCalled();
    firstContentDrawn();
    firstContentDrawn();
    vi.advanceTimersByTime(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("starts the waiters only after the frame with the first content is painted", async () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal("requestAnimationFrame", (cb: () => void) => frames.push(cb));
    try {
      const { afterFirstContent, firstContentDrawn } = await load();
      const run = vi.fn();
      afterFirstContent(run);
      firstContentDrawn();
      vi.advanceTimersByTime(0);
      expect(run).not.toHaveBeenCalled();
      frames.shift()!(); // just before the paint
      expect(run).not.toHaveBeenCalled();
      vi.advanceTimersByTime(0); // the task after it
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("runs at once when the content is already drawn (a link mounted later)", async () => {
    const { afterFirstContent, firstContentDrawn } = await load();
    firstContentDrawn();
    const run = vi.fn();
    afterFirstContent(run);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("runs after the fallback on a page that never draws a grid, and not after a cancel", async () => {
    vi.useFakeTimers();
    const { afterFirstContent, firstContentDrawn } = await load();
    const run = vi.fn();
    const cancelled = vi.fn();
    afterFirstContent(run);
    afterFirstContent(cancelled)();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(run).toHaveBeenCalledTimes(1);
    firstContentDrawn();
    expect(run).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
