import "server-only";
import type { DescribedSettings, SettingValues } from "@/lib/shared/admin-system";
import { describeSettings, type Settings } from "./settings";

// The page's copy of the types must stay the server's: this fails to compile when they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<Settings, SettingValues> = true;
void sameShape;

/** Every setting, keyed by name, with its value and the variable that fixes it: what /admin/system shows. */
export async function settingsView(): Promise<DescribedSettings> {
  const described = await describeSettings();
  return Object.fromEntries(
    described.map(({ key, value, fixedBy }) => [key, { value, fixedBy }]),
  ) as DescribedSettings;
}
