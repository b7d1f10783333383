"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { UsageDay } from "@/lib/client/admin-usage";
import { formatCompact, formatCount, formatDay } from "./usage-format";

// Colours come from the theme's CSS variables, so both themes keep their contrast.
const AXIS = { fill: "var(--muted-foreground)", fontSize: 12 };
const TOOLTIP = {
  contentStyle: {
    background: "var(--popover)",
    border: "1px solid var(--border)",
    borderRadius: 8,
    color: "var(--popover-foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--popover-foreground)" },
  itemStyle: { color: "var(--popover-foreground)" },
  cursor: { fill: "var(--muted)", opacity: 0.5 },
};
// recharts writes legend labels in the series' colour, too pale as text: they keep the page's.
const LEGEND = {
  wrapperStyle: { fontSize: 12 },
  formatter: (value: string) => <span style={{ color: "var(--muted-foreground)" }}>{value}</span>,
};

interface Point {
  day: string;
  label: string;
  succeeded: number;
  errors: number;
  prompt: number;
  completion: number;
}

function points(days: UsageDay[]): Point[] {
  return days.map((d) => ({
    day: d.day,
    label: formatDay(d.day),
    succeeded: d.requests - d.errors,
    errors: d.errors,
    prompt: d.promptTokens,
    completion: d.completionTokens,
  }));
}

/** Requests per day (errors stacked on top) and tokens per day, in and out. Loaded only on this page. */
export default function UsageCharts({ days }: { days: UsageDay[] }) {
  const data = points(days);
  // Labels thin out on a narrow chart rather than overlap.
  const interval = "preserveStartEnd";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure className="rounded-xl border bg-card p-4" aria-labelledby="usage-requests-chart">
        <figcaption id="usage-requests-chart" className="mb-2 text-sm font-medium">
          Requests per day
        </figcaption>
        <div className="h-56" data-testid="requests-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis
                dataKey="label"
                tick={AXIS}
                tickLine={false}
                axisLine={false}
                interval={interval}
                minTickGap={16}
              />
              <YAxis
                tick={AXIS}
                tickLine={false}
                axisLine={false}
                tickFormatter={formatCompact}
                allowDecimals={false}
                width={48}
              />
              <Tooltip {...TOOLTIP} formatter={(v) => formatCount(Number(v))} />
              <Legend {...LEGEND} />
              <Bar
                dataKey="succeeded"
                name="Succeeded"
                stackId="r"
                fill="var(--brand)"
                isAnimationActive={false}
              />
              <Bar
                dataKey="errors"
                name="Errors"
                stackId="r"
                fill="var(--destructive)"
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="rounded-xl border bg-card p-4" aria-labelledby="usage-tokens-chart">
        <figcaption id="usage-tokens-chart" className="mb-2 text-sm font-medium">
          Tokens per day
        </figcaption>
        <div className="h-56" data-testid="tokens-chart">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 4, right: 16, bottom: 0, left: -8 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis
                dataKey="label"
                padding={{ left: 12, right: 12 }}
                tick={AXIS}
                tickLine={false}
                axisLine={false}
                interval={interval}
                minTickGap={16}
              />
              <YAxis tick={AXIS} tickLine={false} axisLine={false} tickFormatter={formatCompact} width={48} />
              <Tooltip
                {...TOOLTIP}
                cursor={{ stroke: "var(--border)" }}
                formatter={(v) => formatCount(Number(v))}
              />
              <Legend {...LEGEND} />
              <Line
                dataKey="prompt"
                name="Tokens in"
                stroke="var(--foreground)"
                strokeWidth={2}
                dot={data.length <= 1}
                isAnimationActive={false}
              />
              <Line
                dataKey="completion"
                name="Tokens out"
                stroke="var(--brand)"
                strokeWidth={2}
                dot={data.length <= 1}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
