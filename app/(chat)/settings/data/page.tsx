import type { Metadata } from "next";
import { DataManager } from "@/components/settings/data-manager";

export const metadata: Metadata = { title: "Data" };

/** Export and import of chats; the (chat) layout checks sign-in and the APIs check it again. */
export default function DataPage() {
  return <DataManager />;
}
