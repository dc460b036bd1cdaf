/** Longest stretch of a user's value quoted back in a message. */
export const EXCERPT_CHARS = 80;

/**
 * A value as a message may quote it: JSON-escaped (so control characters and
 * newlines cannot break the line it sits on) and cut to EXCERPT_CHARS with
 * the full length named, so a 50 MB value gives a one-line message.
 */
export function excerpt(value: string, options: { quoted?: boolean } = {}): string {
  const cut = value.length > EXCERPT_CHARS ? value.slice(0, EXCERPT_CHARS) : value;
  const escaped = JSON.stringify(cut);
  const body = options.quoted === false ? escaped.slice(1, -1) : escaped;
  return value.length > EXCERPT_CHARS ? `${body}... (${value.length} characters)` : body;
}

/** A name or kind as a report field: unchanged up to 253 characters (the longest Kubernetes name), cut with its length named beyond. */
export function clip(text: string): string {
  return text.length > 253 ? `${text.slice(0, 253)}... (${text.length} characters)` : text;
}
