"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UsageTotals } from "@/lib/client/admin-usage";
import { formatCount, formatMs } from "./usage-format";

const FIRST = 10;

/**
 * One grouping of the report (models, users or keys), most requests first:
 * the top ten, and the rest on demand.
 */
export function UsageTable<T extends UsageTotals>({
  title,
  nameHeader,
  rows,
  rowKey,
  name,
  empty,
}: {
  title: string;
  nameHeader: string;
  rows: T[];
  rowKey: (row: T) => string;
  name: (row: T) => React.ReactNode;
  empty: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, FIRST);
  const id = `usage-${title.toLowerCase().replaceAll(" ", "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-xl border bg-card">
      <h2 id={id} className="px-4 pt-4 text-base font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="px-4 pt-2 pb-4 text-sm text-muted-foreground">{empty}</p>
      ) : (
        // Focusable so that a keyboard can scroll it sideways on a narrow screen.
        <div
          className="mt-2 overflow-x-auto outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          tabIndex={0}
          role="group"
          aria-labelledby={id}
        >
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-4">{nameHeader}</TableHead>
                <TableHead className="text-right">Requests</TableHead>
                <TableHead className="text-right">Errors</TableHead>
                <TableHead className="text-right">Tokens in</TableHead>
                <TableHead className="text-right">Tokens out</TableHead>
                <TableHead className="pr-4 text-right">Median TTFT</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((row) => (
                <TableRow key={rowKey(row)}>
                  <TableCell className="max-w-64 pl-4">{name(row)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(row.requests)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(row.errors)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(row.promptTokens)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCount(row.completionTokens)}
                  </TableCell>
                  <TableCell className="pr-4 text-right whitespace-nowrap tabular-nums">
                    {formatMs(row.medianTtftMs)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {rows.length > FIRST && (
        <div className="border-t px-4 py-2">
          <Button variant="ghost" size="sm" onClick={() => setAll(!all)}>
            {all ? `Show the top ${FIRST}` : `Show all ${rows.length}`}
          </Button>
        </div>
      )}
      {rows.length > 0 && rows.length <= FIRST && <div className="h-2" />}
    </section>
  );
}
