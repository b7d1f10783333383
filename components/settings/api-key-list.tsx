"use client";
import { Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiKeySummary } from "@/lib/keys/list-api-keys";
import { cn } from "@/lib/utils/cn";

/**
 * The keys as a table where there is room, as cards where there is not. The
 * switch is a container query (the sidebar takes room too); the hidden one is
 * display:none, so screen readers meet each key once.
 */
export function ApiKeyList({
  keys,
  onRevoke,
}: {
  keys: ApiKeySummary[];
  onRevoke: (key: ApiKeySummary) => void;
}) {
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border @2xl:block">
        <Table>
          <TableHeader className="bg-muted/40">
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-4">Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead className="w-12 pr-4">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableCell className="max-w-56 pl-4">
                  <div className="grid min-w-0 gap-0.5">
                    <KeyName name={key.name} />
                    <KeyLimits apiKey={key} />
                  </div>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <KeyPrefix prefix={key.prefix} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <LocalTime iso={key.createdAt} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <LastUsed iso={key.lastUsedAt} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <Expires apiKey={key} />
                </TableCell>
                <TableCell className="py-2 pr-3 text-right">
                  <RevokeButton apiKey={key} onRevoke={onRevoke} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <ul className="grid gap-3 @2xl:hidden">
        {keys.map((key) => (
          <li key={key.id} className="rounded-xl border p-4">
            <div className="flex items-start justify-between gap-3">
              <div className="grid min-w-0 gap-0.5">
                <KeyName name={key.name} />
                <KeyPrefix prefix={key.prefix} />
                <KeyLimits apiKey={key} />
              </div>
              <RevokeButton apiKey={key} onRevoke={onRevoke} className="-mt-1.5 -mr-1.5" />
            </div>
            <dl className="mt-3 grid grid-cols-3 gap-3 border-t pt-3 text-sm">
              <div className="grid gap-0.5">
                <dt className="text-xs text-muted-foreground">Created</dt>
                <dd>
                  <LocalTime iso={key.createdAt} />
                </dd>
              </div>
              <div className="grid gap-0.5">
                <dt className="text-xs text-muted-foreground">Last used</dt>
                <dd>
                  <LastUsed iso={key.lastUsedAt} />
                </dd>
              </div>
              <div className="grid gap-0.5">
                <dt className="text-xs text-muted-foreground">Expires</dt>
                <dd>
                  <Expires apiKey={key} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

function KeyName({ name }: { name: string }) {
  return (
    <span className="truncate font-medium" title={name}>
      {name}
    </span>
  );
}

/** What the key is limited to, when it is (keys made through the API can limit endpoints too). */
function KeyLimits({ apiKey }: { apiKey: ApiKeySummary }) {
  const limits = [
    apiKey.models ? `Models: ${apiKey.models.join(", ")}` : null,
    apiKey.endpoints ? `Endpoints: ${apiKey.endpoints.join(", ")}` : null,
  ].filter((limit) => limit !== null);
  return limits.map((limit) => (
    <span key={limit} className="truncate text-xs text-muted-foreground" title={limit}>
      {limit}
    </span>
  ));
}

function KeyPrefix({ prefix }: { prefix: string }) {
  return <code className="font-mono text-[13px] text-muted-foreground">{prefix}…</code>;
}

function LastUsed({ iso }: { iso: string | null }) {
  return iso ? <LocalTime iso={iso} relative /> : <span>Never</span>;
}

function Expires({ apiKey }: { apiKey: ApiKeySummary }) {
  if (apiKey.expired) {
    return (
      <Badge variant="outline" className="border-destructive/30 bg-destructive/10 text-destructive">
        Expired
      </Badge>
    );
  }
  return apiKey.expiresAt ? <LocalTime iso={apiKey.expiresAt} /> : <span>Never</span>;
}

function RevokeButton({
  apiKey,
  onRevoke,
  className,
}: {
  apiKey: ApiKeySummary;
  onRevoke: (key: ApiKeySummary) => void;
  className?: string;
}) {
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Revoke key ${apiKey.name}`}
      title="Revoke key"
      onClick={() => onRevoke(apiKey)}
      className={cn("text-muted-foreground hover:bg-destructive/10 hover:text-destructive", className)}
    >
      <Trash2 />
    </Button>
  );
}
