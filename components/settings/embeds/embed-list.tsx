import { ChevronRight, MessagesSquare, Plus } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { EmbedView } from "@/lib/embeds/schemas";

/** Settings → Embeds: the user's embeds, each leading to its settings, snippet and conversations. */
export function EmbedList({ embeds }: { embeds: EmbedView[] }) {
  const newButton = (
    <Button asChild>
      <Link href="/settings/embeds/new">
        <Plus aria-hidden />
        New embed
      </Link>
    </Button>
  );
  return (
    <section aria-labelledby="embeds-heading" className="grid gap-5">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-4">
        <div className="grid max-w-xl gap-1.5">
          <h2 id="embeds-heading" className="text-lg font-semibold">
            Embeds
          </h2>
          <p className="text-sm text-muted-foreground">
            Put a chat on your own website. Each embed has a publishable key that only chats through its own
            settings, on the sites you allow; visitors stay anonymous and their messages count as your usage.
          </p>
        </div>
        {embeds.length > 0 ? newButton : null}
      </div>
      {embeds.length > 0 ? (
        <ul className="divide-y rounded-xl border">
          {embeds.map((e) => (
            <li key={e.id}>
              <Link
                href={`/settings/embeds/${e.id}`}
                className="flex items-center gap-4 px-4 py-3 outline-none hover:bg-accent/50 focus-visible:bg-accent/50"
              >
                <span
                  aria-hidden
                  className="size-3 shrink-0 rounded-full"
                  style={{ background: e.accentColor }}
                />
                <span className="grid min-w-0 flex-1 gap-0.5">
                  <span className="flex items-center gap-2 font-medium">
                    <span className="truncate">{e.name}</span>
                    {e.keyRevoked ? (
                      <Badge variant="outline" className="border-destructive/40 text-destructive">
                        Key revoked
                      </Badge>
                    ) : null}
                  </span>
                  <span className="truncate text-sm text-muted-foreground">
                    {e.model} · {e.allowedOrigins.join(", ")}
                  </span>
                </span>
                <span className="hidden text-right text-sm text-muted-foreground sm:block">
                  {e.tokensToday.toLocaleString("en")}
                  {e.dailyTokenBudget ? ` / ${e.dailyTokenBudget.toLocaleString("en")}` : ""} tokens today
                  <br />
                  {e.conversations} {e.conversations === 1 ? "conversation" : "conversations"}
                </span>
                <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
          <div className="flex size-11 items-center justify-center rounded-full bg-muted">
            <MessagesSquare aria-hidden className="size-5 text-muted-foreground" />
          </div>
          <h3 className="mt-4 font-medium">No embeds yet</h3>
          <p className="mt-1 mb-5 max-w-sm text-sm text-muted-foreground">
            Create one, list the sites that may show it, and paste one line of HTML into your site.
          </p>
          {newButton}
        </div>
      )}
    </section>
  );
}
