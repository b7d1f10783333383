import { SectionNav } from "@/components/shell/section-nav";

const SECTIONS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/models", label: "Models" },
  { href: "/admin/usage", label: "Usage" },
  { href: "/admin/system", label: "System" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

export function AdminNav({ className }: { className?: string }) {
  return <SectionNav label="Administration" sections={SECTIONS} className={className} />;
}
