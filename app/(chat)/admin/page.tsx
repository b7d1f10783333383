import { redirect } from "next/navigation";

/** Users is the first section. */
export default function AdminPage() {
  redirect("/admin/users");
}
