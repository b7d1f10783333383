/**
 * fast-check arbitraries for what an attacker sends: hostile JSON bodies,
 * query strings, path parameters and headers.
 */
import fc from "fast-check";

/** Strings that have broken parsers, databases and templates before. */
const NASTY_STRINGS = [
  "",
  " ",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "-0",
  "0x1F",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202etxt.exe",
  "👩‍👩‍👧‍👦",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "%",
  "%E0%A4%A",
  "%00",
  "../../etc/passwd",
  "..",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "'; DROP TABLE chat; --",
  "${7*7}{{7*7}}",
  "\r\nX-Injected: 1",
  "2025-13-45T99:99:99Z",
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:00.001Z",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 70_000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(500_001, 2_000_000).map((n) => "x".repeat(n)) },
);

/** Numbers, and tokens that parse to numbers no schema expects (1e999 is Infinity). */
const RAW_NUMBERS = ["1e999", "-1e999", "-0", "1e-400", "123456789012345678901234567890", "0.1e1", "2e308"];
const rawNumber = fc.constantFrom(...RAW_NUMBERS).map((raw) => `@@raw:${raw}@@`);

const nastyNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(0, -1, 1, 2.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  rawNumber,
);

/** `[[[...]]]` or `{"a":{"a":...}}`, `depth` levels: legal JSON that deep recursion chokes on. */
function deepText(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}
const deep = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.constantFrom("array" as const, "object" as const))
  .map(([depth, kind]) => `@@raw:${deepText(depth, kind)}@@`);

/** Keys every body might have, the names our schemas read, and prototype-pollution keys. */
export const KNOWN_KEYS = [
  "model",
  "messages",
  "role",
  "content",
  "title",
  "name",
  "body",
  "messageId",
  "parentId",
  "fileIds",
  "systemPrompt",
  "temperature",
  "pinned",
  "currentLeafId",
  "format",
  "version",
  "chats",
  "mapping",
  "create_time",
  "input",
  "stream",
  "stream_options",
  "tools",
  "tool_choice",
  "response_format",
  "json_schema",
  "schema",
  "parameters",
  "metadata",
  "logit_bias",
  "max_tokens",
  "stop",
  "n",
  "dimensions",
  "encoding_format",
  "email",
  "password",
  "expiresAt",
  "models",
  "endpoints",
  "csp-report",
  "__proto__",
  "constructor",
  "prototype",
];

/**
 * Any JSON value, hostile at every level. Each kind of trouble is equally
 * likely, so a short run still tries every one on every field.
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
    fc
      .oneof(fc.integer({ min: 1_000, max: 70_000 }), fc.constantFrom(500_001, 2_000_000))
      .map((n) => "x".repeat(n)),
    nastyNumber,
    deep,
    fc.constantFrom(null, true, false),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 8 })), tie("value"), {
      maxKeys: 5,
    }),
  ),
})).value;

/** JSON text for a value, with the raw tokens (1e999, deep nesting) spliced in. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"@@raw:(.*?)@@"/g, (_, raw: string) => raw);
}

/** Sets `value` at a dotted path of a copy of `base`, creating what is missing. */
function setAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const copy = (
    Array.isArray(base) ? [...base] : typeof base === "object" && base !== null ? { ...base } : {}
  ) as Record<string | number, unknown>;
  // defineProperty: a "__proto__" key must become an own key, as JSON.parse makes it.
  Object.defineProperty(copy, head!, {
    value: setAt(copy[head!], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Every path to a leaf or container of a valid example body: where to plant a hostile value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/**
 * A request body: mostly a valid example with hostile values planted in it
 * (so validation deep inside is reached), else any hostile JSON or raw junk.
 */
export function hostileBody(example: unknown): fc.Arbitrary<string> {
  // The root is left out: a wholly hostile body is the second case below.
  const paths = pathsOf(example).filter((p) => p.length > 0);
  const where = paths.length
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...paths) },
        { weight: 1, arbitrary: fc.constantFrom(...KNOWN_KEYS).map((k) => [k]) },
      )
    : fc.constantFrom(...KNOWN_KEYS).map((k) => [k]);
  const planted = fc
    .array(fc.tuple(where, hostileValue), { minLength: 1, maxLength: 2 })
    .map((plants) => toJsonText(plants.reduce((body, [path, value]) => setAt(body, path, value), example)));
  const raw = fc.oneof(
    fc.constantFrom("", "{", "[1,", '{"a":}', "null", "nul", "\u0000", '{"model":"x"}garbage', "\ufeff{}"),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
  return fc.oneof(
    { weight: 6, arbitrary: planted },
    { weight: 2, arbitrary: hostileValue.map(toJsonText) },
    { weight: 1, arbitrary: raw },
  );
}

/** A UTF-16 surrogate without its pair: no URL can carry one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A pagination cursor as our APIs give them out (base64url JSON), with hostile values inside. */
const hostileCursor = fc
  .record({
    p: fc.oneof(fc.boolean(), hostileValue),
    t: fc.oneof(nastyString, fc.date().map(String)),
    i: fc.uuid(),
  })
  .map((c) => Buffer.from(toJsonText(c)).toString("base64url"));

/** A query string as it arrives: names our routes read, junk names, values with broken escapes. */
export function hostileQuery(names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...names, "__proto__", "api_key"), fc.string({ maxLength: 6 }));
  const value = fc.oneof(
    hostileCursor,
    nastyString.map((s) => encodeURIComponent(s.replace(new RegExp(LONE_SURROGATE, "g"), "\ufffd"))),
    fc.constantFrom(
      "%",
      "%E0%A4%A",
      "%zz",
      "%00",
      "-1",
      "1e999",
      "99999999999999999999",
      "0",
      "NaN",
      "r,c",
      "1,2",
    ),
  );
  return fc
    .array(fc.tuple(name, value), { maxLength: 4 })
    .map((pairs) =>
      pairs.length ? "?" + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join("&") : "",
    );
}

/**
 * A path parameter as Next.js hands it over: decoded once, so still hostile.
 * (A lone surrogate cannot arrive: Next.js refuses to decode one.)
 */
export function hostileParam(real: string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 5, arbitrary: fc.constantFrom(...real) },
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          "%",
          "%E0%A4%A",
          "%2F..%2F",
          "..",
          "../..",
          "\u0000",
          "a\u0000b",
          "x".repeat(5000),
          "00000000-0000-0000-0000-000000000000",
          "12345678-1234-1234-1234-123456789abc",
          " ",
          "null",
        ),
      },
      { weight: 2, arbitrary: nastyString.filter((s) => s.length < 10_000) },
      { weight: 1, arbitrary: fc.uuid() },
    )
    .filter((s) => !LONE_SURROGATE.test(s));
}

/** Headers that lie about the body, or carry junk where an id or a cursor belongs. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=----x",
      "multipart/form-data",
      "application/json; charset=utf-16",
      "application/csp-report",
      "application/reports+json",
      "image/png",
      "junk/;;;==",
    ),
    "content-length": fc.constantFrom("0", "1", "-1", "abc", "1e3", "99999999999999", "5"),
    "x-request-id": fc.constantFrom(
      "abc",
      "valid-request-id-123",
      "<script>",
      "x".repeat(200),
      "\u00ff\u00fe",
    ),
    "last-event-id": fc.constantFrom("", "-1", "0,0", "999999999,999999999", "a,b", "1e999", "%00"),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "::1, 10.0.0.1", "not-an-ip", ", , ,", "999.999.999.999"),
    "accept-language": fc.constantFrom("*", "xx-XX;q=abc"),
  },
  { requiredKeys: [] },
);
