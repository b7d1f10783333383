"use client";

/**
 * Placeholder: the pull panel (start a pull on an Ollama runner, watch its
 * progress) is built in parallel and replaces this file. It gets the enabled
 * Ollama runners to choose from.
 */
export function PullPanel(_props: { runners: { id: string; name: string }[] }) {
  return null;
}
