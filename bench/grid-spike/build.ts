// Bundles each harness entry with esbuild (minified, NODE_ENV=production) and writes static HTML to out/.
import * as esbuild from "esbuild";
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const OUT = join(HERE, "out");

export interface BundleInfo {
  name: string;
  /** bytes of JS/CSS loaded up-front by the page (entry chunk + static imports + css) */
  initialBytes: number;
  initialGzip: number;
  /** all emitted JS+CSS including lazily imported chunks */
  totalBytes: number;
  totalGzip: number;
  files: { file: string; bytes: number }[];
}

/** Injected before the bundle: records first-cell / paint marks, rAF frames and keystroke latency. */
const INSTRUMENT = (cellSelector: string) => `
<script>
(() => {
  const B = (window.__bench = { firstCellAt: null, paintAfterCellAt: null, frames: null, keyLat: [], trackKeys: false });
  const SEL = ${JSON.stringify(cellSelector)};
  let done = false;
  function found() {
    if (done) return; done = true;
    B.firstCellAt = performance.now(); performance.mark('grid:first-cell');
    // next frame's rAF runs before its paint; the task after that rAF runs after the paint.
    requestAnimationFrame(() => setTimeout(() => { B.paintAfterCellAt = performance.now(); performance.mark('grid:first-cell-painted'); }, 0));
    mo.disconnect();
  }
  const mo = new MutationObserver(() => { if (document.querySelector(SEL)) found(); });
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'class'] });
  (function poll() { if (done) return; if (document.querySelector(SEL)) found(); else requestAnimationFrame(poll); })();
  B.startFrames = () => { B.frames = []; const f = (t) => { if (!B.frames) return; B.frames.push(t); requestAnimationFrame(f); }; requestAnimationFrame(f); };
  B.stopFrames = () => { const fr = B.frames; B.frames = null; return fr; };
  document.addEventListener('keydown', (e) => {
    if (!B.trackKeys) return;
    const t0 = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => B.keyLat.push(performance.now() - t0), 0));
  }, true);
})();
</script>`;

function html(title: string, js: string, css: string[], cellSelector: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>html,body,#root{margin:0;height:100%;width:100%;overflow:hidden;font:13px system-ui,sans-serif}</style>
${css.map((c) => `<link rel="stylesheet" href="./${c}">`).join("\n")}
${INSTRUMENT(cellSelector)}
</head><body><div id="root"></div>
<script type="module" src="./${js}"></script>
</body></html>`;
}

export const ENTRIES = [
  { name: "rdg", entry: "rdg-entry.tsx", title: "react-data-grid", cellSelector: '[role="gridcell"]' },
  { name: "revo", entry: "revo-entry.tsx", title: "RevoGrid", cellSelector: "revogr-data .rgCell" },
  { name: "baseline", entry: "baseline-entry.tsx", title: "React baseline", cellSelector: "div" },
] as const;

export async function build(): Promise<BundleInfo[]> {
  mkdirSync(OUT, { recursive: true });
  // keep results*.json from earlier runs; rebuild bundles + html
  for (const e of ENTRIES) rmSync(join(OUT, e.name), { recursive: true, force: true });
  const infos: BundleInfo[] = [];
  for (const e of ENTRIES) {
    const outdir = join(OUT, e.name);
    const res = await esbuild.build({
      entryPoints: { [e.name]: join(HERE, e.entry) },
      bundle: true,
      minify: true,
      format: "esm",
      splitting: true, // RevoGrid's Stencil loader lazy-imports its component chunks
      target: "es2022",
      platform: "browser",
      jsx: "automatic",
      define: { "process.env.NODE_ENV": '"production"' },
      outdir,
      metafile: true,
      logLevel: "warning",
      absWorkingDir: join(HERE, "..", ".."),
    });
    const outputs = Object.entries(res.metafile.outputs).filter(([f]) => !f.endsWith(".map"));
    const entryOut = outputs.find(([, o]) => o.entryPoint)!;
    const initial = new Set<string>([entryOut[0]]);
    // follow static imports from the entry chunk
    const queue = [entryOut[0]];
    while (queue.length) {
      const f = queue.pop()!;
      for (const imp of res.metafile.outputs[f]!.imports) {
        if (imp.kind === "import-statement" && !initial.has(imp.path)) {
          initial.add(imp.path);
          queue.push(imp.path);
        }
      }
    }
    const cssFiles = outputs.filter(([f]) => f.endsWith(".css")).map(([f]) => f);
    cssFiles.forEach((f) => initial.add(f));
    const root = join(HERE, "..", "..");
    const size = (f: string) => readFileSync(join(root, f));
    let initialBytes = 0,
      initialGzip = 0,
      totalBytes = 0,
      totalGzip = 0;
    const files: BundleInfo["files"] = [];
    for (const [f] of outputs) {
      const buf = size(f);
      const gz = gzipSync(buf, { level: 9 }).length;
      totalBytes += buf.length;
      totalGzip += gz;
      if (initial.has(f)) {
        initialBytes += buf.length;
        initialGzip += gz;
      }
      files.push({ file: relative(OUT, join(root, f)), bytes: buf.length });
    }
    const rel = (f: string) => relative(outdir, join(root, f));
    writeFileSync(
      join(OUT, `${e.name}.html`),
      html(
        e.title,
        `${e.name}/${rel(entryOut[0])}`,
        cssFiles.map((c) => `${e.name}/${rel(c)}`),
        e.cellSelector,
      ),
    );
    infos.push({ name: e.name, initialBytes, initialGzip, totalBytes, totalGzip, files });
  }
  writeFileSync(join(OUT, "bundles.json"), JSON.stringify(infos, null, 2));
  return infos;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  build().then((i) =>
    console.log(
      JSON.stringify(
        i.map(({ files: _files, ...r }) => r),
        null,
        2,
      ),
    ),
  );
}
