"use client";
import { ChevronDown, ChevronLeft, ChevronRight, ScrollText } from "lucide-react";
import Link from "next/link";
import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditEntryView, AuditFilters as Filters, AuditPage } from "@/lib/shared/admin-audit";
import { cn } from "@/lib/utils/cn";
import { AuditDetails } from "./audit-details";
import { AuditFilters } from "./audit-filters";
import { auditHref } from "./audit-href";

/** The audit log: filters, one page of rows (each opens to its details), newer and older pages. */
export function AuditLog({
  filters,
  page,
  invalid,
}: {
  filters: Filters;
  page: AuditPage | null;
  invalid: boolean;
}) {
  const filtered = Boolean(filters.actor || filters.action || filters.from || filters.to);
  return (
    <div className="grid gap-5">
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold">Audit log</h2>
        <p className="text-sm text-muted-foreground">
          Who did what, when and from where: admin actions, sign-ins and sign-ups, keys and settings. Kept for
          90 days.
        </p>
      </div>
      <AuditFilters filters={filters} />
      {invalid ? (
        <p role="alert" className="text-sm text-destructive">
          This link&apos;s filters or page are not valid any more.{" "}
          <Link href="/admin/audit" className="underline underline-offset-4">
            Start from the newest entries
          </Link>
          .
        </p>
      ) : null}
      {page && page.entries.length > 0 ? (
        <>
          <AuditTable page={page} />
          <Pager page={page} filters={filters} />
        </>
      ) : page ? (
        <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
          <div className="flex size-11 items-center justify-center rounded-full bg-muted">
            <ScrollText aria-hidden className="size-5 text-muted-foreground" />
          </div>
          <h3 className="mt-4 text-sm font-semibold">
            {filtered ? "Nothing matches" : "Nothing recorded yet"}
          </h3>
          <p className="mt-1 max-w-sm text-sm text-muted-foreground">
            {filtered
              ? "No entry matches these filters. Try a shorter action (user. finds every user action) or a wider range of days."
              : "Sign-ins, admin actions and settings changes will appear here."}
          </p>
        </div>
      ) : null}
    </div>
  );
}

function AuditTable({ page }: { page: AuditPage }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="overflow-x-auto rounded-xl border">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="sm:hidden">Entry</TableHead>
            <TableHead className="hidden sm:table-cell">When</TableHead>
            <TableHead className="hidden sm:table-cell">Who</TableHead>
            <TableHead className="hidden sm:table-cell">Action</TableHead>
            <TableHead className="hidden md:table-cell">Target</TableHead>
            <TableHead className="hidden lg:table-cell">IP address</TableHead>
            <TableHead>
              <span className="sr-only">Details</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.entries.map((entry) => {
            const expanded = open.has(entry.id);
            const panel = `audit-entry-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <TableRow className={cn(expanded && "border-b-0 bg-muted/40")}>
                  {/* A narrow screen gets one cell: the action, then who and when. */}
                  <TableCell className="max-w-0 sm:hidden">
                    <ActionBadge action={entry.action} />
                    <p className="mt-1.5 truncate text-xs text-muted-foreground">
                      <Actor entry={entry} /> · <LocalTime iso={entry.createdAt} relative />
                    </p>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">
                    <LocalTime iso={entry.createdAt} relative />
                  </TableCell>
                  <TableCell className="hidden max-w-56 truncate sm:table-cell">
                    <Actor entry={entry} />
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <ActionBadge action={entry.action} />
                  </TableCell>
                  <TableCell className="hidden max-w-64 truncate md:table-cell">
                    {entry.target?.label ?? entry.target?.id ?? "—"}
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs text-muted-foreground lg:table-cell">
                    {entry.ip ?? "—"}
                  </TableCell>
                  <TableCell className="w-10 py-1.5 text-right">
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-8"
                      aria-expanded={expanded}
                      aria-controls={panel}
                      aria-label={`Details of ${entry.action}`}
                      onClick={() => toggle(entry.id)}
                    >
                      <ChevronDown
                        aria-hidden
                        className={cn("transition-transform", expanded && "rotate-180")}
                      />
                    </Button>
                  </TableCell>
                </TableRow>
                {expanded ? (
                  <TableRow id={panel} className="bg-muted/40 hover:bg-muted/40">
                    <TableCell colSpan={7} className="max-w-0 pt-1 pb-4">
                      <AuditDetails entry={entry} />
                    </TableCell>
                  </TableRow>
                ) : null}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function Actor({ entry }: { entry: AuditEntryView }) {
  const who = entry.actor?.email ?? entry.actor?.id;
  return who ? <>{who}</> : <span className="text-muted-foreground">Nobody signed in</span>;
}

function ActionBadge({ action }: { action: string }) {
  return (
    <Badge variant={action.endsWith(".failure") ? "outline" : "secondary"} className="font-mono">
      {action}
    </Badge>
  );
}

function Pager({ page, filters }: { page: AuditPage; filters: Filters }) {
  if (!page.newer && !page.older) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3">
      {page.newer ? (
        <Button variant="outline" size="sm" asChild>
          <Link href={auditHref(filters, { cursor: page.newer, direction: "newer" })}>
            <ChevronLeft aria-hidden />
            Newer
          </Link>
        </Button>
      ) : (
        <span />
      )}
      {page.older ? (
        <Button variant="outline" size="sm" asChild>
          <Link href={auditHref(filters, { cursor: page.older, direction: "older" })}>
            Older
            <ChevronRight aria-hidden />
          </Link>
        </Button>
      ) : null}
    </nav>
  );
}
