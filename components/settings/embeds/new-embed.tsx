"use client";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createEmbed } from "@/lib/client/embeds";
import { EmbedForm, type ModelChoice } from "./embed-form";

/** Creating an embed; then its page, with the snippet to paste. */
export function NewEmbed({ models }: { models: ModelChoice[] }) {
  const router = useRouter();
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <Link
          href="/settings/embeds"
          className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden className="size-4" />
          All embeds
        </Link>
        <h2 className="text-lg font-semibold">New embed</h2>
      </div>
      <EmbedForm
        models={models}
        submitLabel="Create embed"
        onSubmit={async (input) => {
          const created = await createEmbed(input);
          router.push(`/settings/embeds/${created.id}`);
        }}
      />
    </div>
  );
}
