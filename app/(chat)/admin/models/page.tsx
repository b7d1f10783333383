import type { Metadata } from "next";
import { PullPanel } from "@/components/admin/models/pull-panel";
import { listPullRunners } from "@/lib/pulls/list-pull-runners";

export const metadata: Metadata = { title: "Models · Administration" };

// Stand-in page for the pulls part: the runners and installed models land beside it.
export default async function AdminModelsPage() {
  return <PullPanel runners={await listPullRunners()} />;
}
