import { redirect } from "next/navigation";

/** API keys is the first section. */
export default function SettingsPage() {
  redirect("/settings/api-keys");
}
