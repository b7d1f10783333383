import boundaries from "eslint-plugin-boundaries";
import drizzle from "eslint-plugin-drizzle";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Import boundaries: lib/ is everything that is not UI and never imports UI or routes;
 * components/ run in the browser, so from lib/ they take values only from the
 * client-safe modules below and types from anything else.
 */
const CLIENT_SAFE_LIB = [
  "lib/client/**",
  "lib/utils/**",
  "lib/auth/client.ts",
  "lib/auth/password-rules.ts",
  "lib/prompts/prompt-variables.ts",
  "lib/shared/**",
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "drizzle/**", "dist/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Every delete and update names its rows.
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { alwaysTryTypes: true } },
      "boundaries/elements": [
        { type: "app", pattern: "app" },
        { type: "components", pattern: "components" },
        { type: "lib", pattern: "lib" },
      ],
      "boundaries/files": [{ category: "client-safe", pattern: CLIENT_SAFE_LIB }],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [
            {
              from: { element: { type: "lib" } },
              disallow: { to: { element: { types: { anyOf: ["app", "components"] } } } },
              message: "lib/ never imports from app/ or components/",
            },
            {
              from: { element: { type: "components" } },
              disallow: { to: { element: { type: "lib" } }, dependency: { kind: "value" } },
              message:
                "components/ import only types from server modules; values only from client-safe lib modules",
            },
            {
              from: { element: { type: "components" } },
              allow: { to: { file: { categories: "client-safe" } } },
            },
          ],
        },
      ],
    },
  },
];
export default config;
