import type { Metadata } from "next";
import { SettingsForm } from "@/components/admin/system/settings-form";
import { SystemStatus } from "@/components/admin/system/system-status";
import { settingsView } from "@/lib/settings/settings-view";

export const metadata: Metadata = { title: "System · Administration" };

/** The server's status (checked by the browser, so a slow runner never holds the page) and the settings. */
export default async function AdminSystemPage() {
  return (
    <div className="grid gap-10">
      <SystemStatus />
      <SettingsForm initial={await settingsView()} />
    </div>
  );
}
