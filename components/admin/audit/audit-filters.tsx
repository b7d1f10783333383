"use client";
import { Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { useMounted } from "@/components/hooks/use-mounted";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { AUDIT_ACTIONS, type AuditFilters as Filters } from "@/lib/shared/admin-audit";
import { auditHref, dayStart, localDay } from "./audit-href";

/**
 * Actor, action and a range of days. Applying them loads the first page of
 * the result through the URL; the days are the reader's own (local midnight
 * to midnight), sent as instants.
 */
export function AuditFilters({ filters }: { filters: Filters }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const mounted = useMounted();
  const id = useId();
  const active = Boolean(filters.actor || filters.action || filters.from || filters.to);

  function apply(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const next: Filters = {
      actor: text("actor"),
      action: text("action"),
      from: dayStart(String(form.get("from") ?? "")),
      // The last day chosen is included: up to the start of the next one.
      to: dayStart(String(form.get("to") ?? ""), 1),
    };
    startTransition(() => router.push(auditHref(next)));
  }

  return (
    <form
      onSubmit={apply}
      role="search"
      aria-label="Filter the audit log"
      // New filters (a link followed, Clear) refill the fields.
      key={JSON.stringify(filters)}
      className="grid grid-cols-2 gap-3 rounded-xl border bg-card p-4 shadow-xs lg:grid-cols-[1.3fr_1fr_auto_auto_auto] lg:items-end"
    >
      <div className="col-span-2 grid gap-1.5 sm:col-span-1">
        <Label htmlFor={`${id}-actor`}>Who</Label>
        <Input
          id={`${id}-actor`}
          name="actor"
          defaultValue={filters.actor ?? ""}
          placeholder="Email or user id"
        />
      </div>
      <div className="col-span-2 grid gap-1.5 sm:col-span-1">
        <Label htmlFor={`${id}-action`}>Action</Label>
        <Input
          id={`${id}-action`}
          name="action"
          list={`${id}-actions`}
          defaultValue={filters.action ?? ""}
          placeholder="e.g. user. or setting.update"
          autoComplete="off"
        />
        <datalist id={`${id}-actions`}>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-from`}>From</Label>
        {/* Days are in the reader's time zone, known only in the browser: filled in once mounted.
            Only the day fields are remounted then, so what was typed in the others stays. */}
        <Input
          key={mounted ? "local" : "server"}
          id={`${id}-from`}
          name="from"
          type="date"
          defaultValue={mounted ? localDay(filters.from) : ""}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-to`}>To</Label>
        <Input
          key={mounted ? "local" : "server"}
          id={`${id}-to`}
          name="to"
          type="date"
          defaultValue={mounted ? lastDay(filters.to) : ""}
        />
      </div>
      <div className="col-span-2 flex gap-2 lg:col-span-1">
        <Button type="submit" disabled={pending} className="flex-1 lg:flex-none">
          {pending ? <Spinner /> : <Search aria-hidden />}
          Filter
        </Button>
        {active ? (
          <Button
            variant="ghost"
            disabled={pending}
            onClick={() => startTransition(() => router.push(auditHref({})))}
          >
            <X aria-hidden />
            Clear
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** `to` is the start of the day after the last one shown. */
function lastDay(to: string | undefined): string {
  if (!to) return "";
  return localDay(new Date(new Date(to).getTime() - 1).toISOString());
}
