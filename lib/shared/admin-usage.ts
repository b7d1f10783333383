/** Types of /api/admin/usage, shared by the server and the /admin/usage page. */

export const USAGE_RANGES = ["today", "7d", "30d", "custom"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];
export const USAGE_SOURCES = ["chat", "api", "embed"] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

/** The sums every grouping carries. Median TTFT is null when no request in it reported one. */
export interface UsageTotals {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  medianTtftMs: number | null;
}

export interface UsageDay extends UsageTotals {
  /** YYYY-MM-DD, a UTC day. */
  day: string;
}

export interface UsageByModel extends UsageTotals {
  model: string | null;
}

export interface UsageByUser extends UsageTotals {
  userId: string | null;
  name: string | null;
  email: string | null;
}

export interface UsageByKey extends UsageTotals {
  keyPrefix: string;
  /** The key's name when the key still exists. */
  keyName: string | null;
  userId: string | null;
  email: string | null;
}

export interface UsageReport {
  /** The UTC days covered, both inclusive. */
  from: string;
  to: string;
  source: UsageSource | null;
  totals: UsageTotals;
  /** Every day of the range, zeros included, oldest first. */
  days: UsageDay[];
  /** Most requests first, at most USAGE_TOP_LIMIT of each. */
  models: UsageByModel[];
  users: UsageByUser[];
  keys: UsageByKey[];
}

export const USAGE_TOP_LIMIT = 100;
/** The longest custom range, in days. */
export const USAGE_MAX_DAYS = 366;
