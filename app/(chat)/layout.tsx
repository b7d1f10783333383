import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { WaitingForApproval } from "@/components/auth/waiting-for-approval";
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

  // Signed up under the approval policy: nothing of the app until an administrator approves.
  if (user.pending) return <WaitingForApproval email={user.email} />;

  return (
    <AppShell user={{ name: user.name, email: user.email, role: user.role, image: user.image }}>
      {children}
    </AppShell>
  );
}
