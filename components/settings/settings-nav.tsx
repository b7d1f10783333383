import { SectionNav } from "@/components/shell/section-nav";

const SECTIONS = [
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/prompts", label: "Prompts" },
  { href: "/settings/embeds", label: "Embeds" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/data", label: "Data" },
] as const;

export function SettingsNav({ className }: { className?: string }) {
  return <SectionNav label="Settings" sections={SECTIONS} className={className} />;
}
