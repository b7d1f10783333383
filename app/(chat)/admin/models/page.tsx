import type { Metadata } from "next";
import { ModelsConsole } from "@/components/admin/models/models-console";

export const metadata: Metadata = { title: "Models · Administration" };

/** The admin layout has checked the role; the data is loaded by the browser, runner by runner. */
export default function AdminModelsPage() {
  return <ModelsConsole />;
}
