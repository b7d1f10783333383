/** Embed constants both the server and the embed's page use. */

export const PUBLISHABLE_KEY_PREFIX = "pk_";
/** The header the embed's page sends its visitor id in. */
export const VISITOR_HEADER = "x-hearth-visitor";
/** A visitor keeps their conversation this long; then a new one begins. */
export const VISITOR_CONVERSATION_MS = 24 * 60 * 60 * 1000;
