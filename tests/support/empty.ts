// Stands in for the `server-only` guard package outside Next.js's bundler.
export {};
