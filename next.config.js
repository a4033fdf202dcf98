/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss", "exceljs"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repository (app, sandbox, tests, scripts) with tsc once;
  // the build does not repeat it, which halves build time on small machines.
  typescript: { ignoreBuildErrors: true },
  // The sandbox and e2e runs open the app as 127.0.0.1 or localhost; dev-only origin check.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
};

export default nextConfig;
