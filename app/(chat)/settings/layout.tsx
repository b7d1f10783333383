import { SettingsNav } from "@/components/settings/settings-nav";

/** Settings pages inside the chat shell: a title and the sections. The (chat) layout checks sign-in. */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-4xl px-4 pt-2 pb-16 md:px-8 md:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <SettingsNav className="mt-4" />
      <div className="mt-6">{children}</div>
    </div>
  );
}
