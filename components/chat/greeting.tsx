"use client";
import { firstNameOf, useCurrentUser } from "@/components/shell/current-user";

/** The new-chat screen's welcome, by the person's first name when there is one. */
export function Greeting() {
  const user = useCurrentUser();
  const firstName = firstNameOf(user.name);
  return (
    <h1 className="text-center text-2xl font-medium tracking-tight text-balance md:text-[28px]">
      {firstName ? `How can I help, ${firstName}?` : "How can I help?"}
    </h1>
  );
}
