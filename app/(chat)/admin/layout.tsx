import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { currentUser } from "@/lib/auth/session";

/**
 * The admin console, inside the chat shell (whose layout sends the signed-out
 * to sign in). Checked here on the server for every page: a USER gets the 403 page.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser(await headers());
  if (user?.role !== "ADMIN" || user.pending) forbidden();
  return (
    <div className="mx-auto w-full max-w-6xl px-4 pt-2 pb-16 md:px-8 md:pt-6">
      <h1 className="text-2xl font-semibold tracking-tight">Administration</h1>
      <AdminNav className="mt-4" />
      <div className="mt-6">{children}</div>
    </div>
  );
}
