import { describe, expect, it } from "vitest";
import { eachDay, splitByMonth } from "@/lib/usage/usage-range";

describe("splitByMonth", () => {
  it("reads whole months from the monthly rollup and only the edge days day by day", () => {
    expect(splitByMonth({ from: "2025-01-20", to: "2025-04-10" })).toEqual({
      months: { from: "2025-02-01", to: "2025-03-01" },
      days: [
        { from: "2025-01-20", to: "2025-01-31" },
        { from: "2025-04-01", to: "2025-04-10" },
      ],
    });
    expect(splitByMonth({ from: "2024-02-01", to: "2024-02-29" })).toEqual({
      months: { from: "2024-02-01", to: "2024-02-01" },
      days: [],
    });
    expect(splitByMonth({ from: "2025-11-30", to: "2026-11-30" })).toEqual({
      months: { from: "2025-12-01", to: "2026-11-01" },
      days: [{ from: "2025-11-30", to: "2025-11-30" }],
    });
  });

  it("keeps a range without a whole month in days", () => {
    expect(splitByMonth({ from: "2025-02-15", to: "2025-03-14" })).toEqual({
      months: null,
      days: [{ from: "2025-02-15", to: "2025-03-14" }],
    });
    expect(splitByMonth({ from: "2025-03-01", to: "2025-03-30" }).months).toBeNull();
  });

  it("covers every day of the range exactly once", () => {
    for (const [from, to] of [
      ["2023-12-31", "2024-12-30"],
      ["2024-01-01", "2024-12-31"],
      ["2025-06-15", "2025-08-14"],
    ] as const) {
      const { months, days } = splitByMonth({ from, to });
      const covered = days.flatMap((d) => eachDay(d));
      for (const day of months ? eachDay(months) : []) {
        if (day.endsWith("-01")) covered.push(...eachDay({ from: day, to: lastDayOf(day) }));
      }
      expect(covered.sort()).toEqual(eachDay({ from, to }));
    }
  });
});

function lastDayOf(first: string): string {
  const [y, m] = first.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
