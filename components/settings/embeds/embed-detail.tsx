"use client";
import { ArrowLeft, KeyRound, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/lib/client/api";
import {
  deleteEmbed,
  iframeSnippet,
  revokeEmbedKey,
  rotateEmbedKey,
  updateEmbed,
  widgetSnippet,
} from "@/lib/client/embeds";
import { formatDateTime } from "@/lib/client/format-date";
import type { EmbedConversationSummary, EmbedView } from "@/lib/embeds/schemas";
import { CopyField } from "./copy-field";
import { EmbedForm, type ModelChoice } from "./embed-form";

type Confirming = "rotate" | "revoke" | "delete";

const CONFIRMATIONS: Record<Confirming, { title: string; description: string; label: string }> = {
  rotate: {
    title: "Issue a new key?",
    description:
      "The current key stops working at once: sites still using it show “chat unavailable” until you paste the new snippet.",
    label: "Issue new key",
  },
  revoke: {
    title: "Revoke this key?",
    description: "The chat becomes unavailable on every site at once. You can issue a new key later.",
    label: "Revoke key",
  },
  delete: {
    title: "Delete this embed?",
    description: "Its key stops working and its visitors' conversations are deleted. This cannot be undone.",
    label: "Delete embed",
  },
};

/** One embed: how to add it to a site, its key, its settings, and what visitors asked (read-only). */
export function EmbedDetail({
  initialEmbed,
  conversations,
  models,
  appOrigin,
}: {
  initialEmbed: EmbedView;
  conversations: EmbedConversationSummary[];
  models: ModelChoice[];
  appOrigin: string;
}) {
  const router = useRouter();
  const [embed, setEmbed] = useState(initialEmbed);
  const [confirming, setConfirming] = useState<Confirming | null>(null);

  async function confirm(action: Confirming) {
    try {
      if (action === "delete") {
        await deleteEmbed(embed.id);
        toast.success(`Deleted ${embed.name}.`);
        router.push("/settings/embeds");
        router.refresh();
        return;
      }
      setEmbed(await (action === "rotate" ? rotateEmbedKey(embed.id) : revokeEmbedKey(embed.id)));
      toast.success(
        action === "rotate" ? "New key issued. Update the snippet on your site." : "Key revoked.",
      );
    } catch (err) {
      return errorMessage(err);
    }
  }

  return (
    <div className="grid gap-10">
      <div className="grid gap-2">
        <Link
          href="/settings/embeds"
          className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden className="size-4" />
          All embeds
        </Link>
        <h2 className="flex items-center gap-2 text-lg font-semibold">
          <span aria-hidden className="size-3 rounded-full" style={{ background: embed.accentColor }} />
          {embed.name}
        </h2>
        <p className="text-sm text-muted-foreground">
          {embed.tokensToday.toLocaleString("en")}
          {embed.dailyTokenBudget ? ` of ${embed.dailyTokenBudget.toLocaleString("en")}` : ""} tokens used
          today (UTC) · {embed.conversations} {embed.conversations === 1 ? "conversation" : "conversations"}
        </p>
      </div>

      <section aria-labelledby="embed-install" className="grid gap-4">
        <h3 id="embed-install" className="font-semibold">
          Add it to your site
        </h3>
        {embed.keyRevoked ? (
          <p
            role="status"
            className="flex items-start gap-2 rounded-lg border border-destructive/30 bg-destructive/10 px-3 py-2.5 text-sm text-destructive"
          >
            <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            This key is revoked: visitors see “chat unavailable”. Issue a new key to open the chat again.
          </p>
        ) : null}
        <p className="text-sm text-muted-foreground">
          Paste this before <code>&lt;/body&gt;</code> on a page of {embed.allowedOrigins.join(", ")}. It adds
          a chat button in the corner that opens the chat in a panel.
        </p>
        <CopyField label="Widget snippet" text={widgetSnippet(appOrigin, embed)} multiline />
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">
            Or place the chat in the page (iframe)
          </summary>
          <div className="mt-3">
            <CopyField label="Iframe snippet" text={iframeSnippet(appOrigin, embed)} multiline />
          </div>
        </details>
        <div className="grid gap-2">
          <h4 className="flex items-center gap-2 text-sm font-medium">
            <KeyRound aria-hidden className="size-4" /> Publishable key
          </h4>
          <CopyField label="Publishable key" text={embed.publishableKey} />
          <p className="text-xs text-muted-foreground">
            Safe to put in your page: it is meant to be seen. It can only chat through this embed, from the
            origins above, within its limits; it cannot use the API, list models or read anything of yours.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="outline" size="sm" onClick={() => setConfirming("rotate")}>
              Issue new key
            </Button>
            {!embed.keyRevoked ? (
              <Button type="button" variant="outline" size="sm" onClick={() => setConfirming("revoke")}>
                Revoke key
              </Button>
            ) : null}
          </div>
        </div>
      </section>

      <section aria-labelledby="embed-settings" className="grid gap-4">
        <h3 id="embed-settings" className="font-semibold">
          Settings
        </h3>
        <EmbedForm
          key={embed.updatedAt}
          embed={embed}
          models={models}
          submitLabel="Save changes"
          onSubmit={async (input) => {
            const saved = await updateEmbed(embed.id, input);
            toast.success("Saved. Visitors get the new settings with their next message.");
            setEmbed(saved);
          }}
        />
      </section>

      <section aria-labelledby="embed-conversations" className="grid gap-4">
        <h3 id="embed-conversations" className="font-semibold">
          Conversations
        </h3>
        {conversations.length === 0 ? (
          <p className="text-sm text-muted-foreground">No visitor has written yet.</p>
        ) : (
          <ul className="divide-y rounded-xl border">
            {conversations.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/settings/embeds/${embed.id}/conversations/${c.id}`}
                  className="grid gap-0.5 px-4 py-3 outline-none hover:bg-accent/50 focus-visible:bg-accent/50"
                >
                  <span className="truncate font-medium">{c.title}</span>
                  <span className="text-sm text-muted-foreground">
                    {c.visitor} · {c.messages} messages · {formatDateTime(c.updatedAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="embed-danger" className="grid gap-3">
        <h3 id="embed-danger" className="font-semibold">
          Delete
        </h3>
        <div>
          <Button type="button" variant="destructive" onClick={() => setConfirming("delete")}>
            Delete embed
          </Button>
        </div>
      </section>

      <ConfirmDialog
        item={confirming}
        title={confirming ? CONFIRMATIONS[confirming].title : ""}
        description={(c) => CONFIRMATIONS[c].description}
        confirmLabel={confirming ? CONFIRMATIONS[confirming].label : ""}
        onConfirm={confirm}
        onClose={() => setConfirming(null)}
      />
    </div>
  );
}
