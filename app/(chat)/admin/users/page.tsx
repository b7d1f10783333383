import type { Metadata } from "next";

export const metadata: Metadata = { title: "Users · Administration" };

export default function AdminUsersPage() {
  return <p className="text-sm text-muted-foreground">Users: coming in this issue.</p>;
}
