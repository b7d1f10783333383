// Next.js calls register() once per server process, before serving.
export async function register() {
  // NEXT_RUNTIME is Next's own marker of the runtime, not a Hearth setting.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot/boot");
    await boot();
  }
}
