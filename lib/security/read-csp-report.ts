import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-json";

/** One blocked thing, in the words both report formats share. */
export interface CspViolation {
  directive: string;
  blockedUrl: string | undefined;
  documentUrl: string | undefined;
  disposition: string | undefined;
}

/** Reports are a few hundred bytes; a batch of them a few kilobytes. */
export const MAX_REPORT_BYTES = 64 * 1024;
const MAX_VIOLATIONS = 50;

const text = z.string().max(4096).optional();

/** `report-uri`: one violation per request, as `Content-Type: application/csp-report`. */
const cspReportSchema = z.object({
  "csp-report": z.object({
    "document-uri": text,
    "violated-directive": text,
    "effective-directive": text,
    "blocked-uri": text,
    disposition: text,
  }),
});

/** `report-to` (Reporting API): a batch of reports of any type, as `application/reports+json`. */
const reportsSchema = z
  .array(
    z.object({
      type: z.string().max(100),
      url: text,
      body: z
        .object({
          documentURL: text,
          blockedURL: text,
          effectiveDirective: text,
          disposition: text,
        })
        .optional(),
    }),
  )
  .min(1)
  .max(MAX_VIOLATIONS);

function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The violations a browser reports in this request; 400, 413 or 415 when it is not a report. */
export async function readCspReport(req: Request): Promise<CspViolation[]> {
  const type = mediaType(req);
  if (type === "application/csp-report") {
    const report = (await readJson(req, cspReportSchema, { maxBytes: MAX_REPORT_BYTES }))["csp-report"];
    return [
      {
        directive: report["effective-directive"] ?? report["violated-directive"] ?? "unknown",
        blockedUrl: report["blocked-uri"],
        documentUrl: report["document-uri"],
        disposition: report.disposition,
      },
    ];
  }
  if (type === "application/reports+json") {
    const reports = await readJson(req, reportsSchema, { maxBytes: MAX_REPORT_BYTES });
    // Other report types (deprecation, intervention...) may share the endpoint: they are not ours to log.
    return reports.flatMap((report) =>
      report.type === "csp-violation" && report.body
        ? [
            {
              directive: report.body.effectiveDirective ?? "unknown",
              blockedUrl: report.body.blockedURL,
              documentUrl: report.body.documentURL ?? report.url,
              disposition: report.body.disposition,
            },
          ]
        : [],
    );
  }
  throw new AppError(
    "unsupported_media_type",
    "A CSP report must be sent as application/csp-report or application/reports+json.",
  );
}
