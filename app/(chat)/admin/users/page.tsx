import type { Metadata } from "next";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { UsersManager } from "@/components/admin/users/users-manager";
import { currentUser } from "@/lib/auth/session";
import { listUsers, listUsersQuery } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users · Administration" };

export default async function AdminUsersPage() {
  const user = await currentUser(await headers());
  // The admin layout already refused everyone else; this narrows the type.
  if (user?.role !== "ADMIN") forbidden();
  const initial = await listUsers(listUsersQuery.parse({}));
  return <UsersManager initial={initial} selfId={user.id} />;
}
