/**
 * Returns a function that replaces every occurrence of the given secret values
 * (and their JSON-escaped forms) in a string. Short values are ignored: they
 * would cut ordinary words out of log lines.
 */
export function secretScrubber(values: (string | undefined)[]): (line: string) => string {
  const secrets = [
    ...new Set(values.filter((v): v is string => typeof v === "string" && v.length >= 8)),
  ].flatMap((v) => {
    const escaped = JSON.stringify(v).slice(1, -1);
    return escaped === v ? [v] : [v, escaped];
  });
  if (secrets.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join("[redacted]");
    return out;
  };
}
