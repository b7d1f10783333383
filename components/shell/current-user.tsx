"use client";
import { createContext, useContext } from "react";

/** What the UI knows about the signed-in user (no secrets, serialisable). */
export interface ShellUser {
  name: string;
  email: string;
  role: "ADMIN" | "USER";
  image: string | null;
}

const CurrentUserContext = createContext<ShellUser | null>(null);

export const CurrentUserProvider = CurrentUserContext.Provider;

/** The signed-in user, for components inside the (chat) shell. */
export function useCurrentUser(): ShellUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser() is only available inside the app shell");
  return user;
}

/** "Ada Lovelace" -> "Ada"; empty when there is no name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
