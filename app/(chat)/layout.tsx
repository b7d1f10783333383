import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/utils/safe-next";

/** Every chat page: signed-in users only, inside the sidebar shell. */
export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const requestHeaders = await headers();
  const user = await currentUser(requestHeaders);
  if (!user) {
    // proxy.ts passes the requested path along, so sign-in can lead back to it.
    const next = safeNextPath(requestHeaders.get("x-hearth-path"));
    redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  }

  return (
    <AppShell user={{ name: user.name, email: user.email, role: user.role, image: user.image }}>
      {children}
    </AppShell>
  );
}
