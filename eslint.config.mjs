// Lint: the layers and the cycle rule the build enforces (ARCHITECTURE.md, "Where a file goes").
// typescript-eslint's recommended rules without type information (fast enough to run in `npm test`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

const TESTS = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/testing/**",
  "tests/**",
  "e2e/**",
  "bench/**",
  "scripts/**",
  "sandbox/**",
];

/** HubSpot's API paths: only lib/hubspot/ (and the sandbox that imitates HubSpot) may spell them. */
const HUBSPOT_PATH = "/\\/(crm|marketing|oauth|account-info|cms|automation)\\/(v\\d+|20\\d\\d-\\d\\d)(\\/|$)/";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".test-results/**",
      "test-results/**",
      "drizzle/**",
      "next-env.d.ts",
      "public/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", fetch: "readonly" } },
    rules: {
      "no-undef": "off", // TypeScript checks names; ESLint's own check does not know the DOM/Node types.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // Product code: app → components → lib, never the other way; nothing imports the sandbox or test kits;
    // the batch engine knows an interface, not HubSpot's client.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    ignores: TESTS,
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is below components/ and app/." },
            { target: "./components", from: "./app", message: "components/ is below app/." },
            {
              target: ["./app", "./components", "./lib"],
              from: ["./sandbox", "./tests", "./e2e", "./bench"],
              message: "Product code never imports the sandbox or test support.",
            },
            {
              target: ["./app", "./components", "./lib"],
              from: ["./lib/**/testing/**", "./components/**/testing/**"],
              message: "Product code never imports a testing folder.",
            },
            {
              target: "./lib/batch",
              from: "./lib/hubspot",
              message: "lib/batch depends on its own interfaces (lib/batch/adapter.ts); lib/hubspot implements them.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: `Literal[value=${HUBSPOT_PATH}]`, message: "Only lib/hubspot/ builds HubSpot URLs." },
        { selector: `TemplateElement[value.raw=${HUBSPOT_PATH}]`, message: "Only lib/hubspot/ builds HubSpot URLs." },
      ],
    },
  },
  { files: ["lib/hubspot/**"], rules: { "no-restricted-syntax": "off" } },
  // Tests, benchmarks and the sandbox read loosely typed JSON answers on purpose.
  { files: TESTS, rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
