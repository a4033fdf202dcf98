// Approximates Next.js App Router SSR of a 'use client' component: import the module in plain Node
// (no window/document) and renderToString it. Usage: npx tsx ssr-check.tsx rdg|revo
import { renderToString } from "react-dom/server";
import { makeRows } from "./data";

const which = process.argv[2];
const polyfill = process.argv.includes("--iterator-polyfill");
const result: Record<string, unknown> = {
  grid: which,
  node: process.version,
  iteratorHelpersNative: typeof (globalThis as any).Iterator?.prototype?.toArray === "function",
  polyfill,
  importOk: false,
  renderOk: false,
};
if (polyfill && !result.iteratorHelpersNative) {
  // Minimal ES2025 Iterator helpers (Node < 22 lacks them; react-data-grid beta uses .map()/.toArray() on generators).
  const IterProto = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})()));
  const P = Object.getPrototypeOf(IterProto);
  Object.assign(P, {
    *map(this: Iterator<any>, f: (v: any, i: number) => any) {
      let i = 0;
      for (const v of this as any) yield f(v, i++);
    },
    *filter(this: Iterator<any>, f: (v: any, i: number) => any) {
      let i = 0;
      for (const v of this as any) if (f(v, i++)) yield v;
    },
    *flatMap(this: Iterator<any>, f: (v: any, i: number) => any) {
      let i = 0;
      for (const v of this as any) yield* f(v, i++);
    },
    toArray(this: Iterator<any>) {
      return [...(this as any)];
    },
    forEach(this: Iterator<any>, f: (v: any, i: number) => void) {
      let i = 0;
      for (const v of this as any) f(v, i++);
    },
    some(this: Iterator<any>, f: (v: any, i: number) => any) {
      let i = 0;
      for (const v of this as any) if (f(v, i++)) return true;
      return false;
    },
    every(this: Iterator<any>, f: (v: any, i: number) => any) {
      let i = 0;
      for (const v of this as any) if (!f(v, i++)) return false;
      return true;
    },
    find(this: Iterator<any>, f: (v: any, i: number) => any) {
      let i = 0;
      for (const v of this as any) if (f(v, i++)) return v;
      return undefined;
    },
  });
}
try {
  const mod = which === "rdg" ? await import("./rdg-app") : await import("./revo-app");
  result.importOk = true;
  const App =
    which === "rdg" ? (mod as typeof import("./rdg-app")).RdgApp : (mod as typeof import("./revo-app")).RevoApp;
  const html = renderToString(<App initialRows={makeRows(50)} />);
  result.renderOk = true;
  result.htmlBytes = html.length;
  result.ssrGridcells = (html.match(/role="gridcell"/g) ?? []).length;
  result.ssrRows = (html.match(/role="row"/g) ?? []).length;
  result.htmlHead = html.slice(0, 160);
} catch (e) {
  result.error = String((e as Error)?.stack ?? e)
    .split("\n")
    .slice(0, 3)
    .join(" | ");
}
console.log(JSON.stringify(result));
