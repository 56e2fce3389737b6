import type { Problem } from '../../common/errors';
import { WebhookEvent } from './webhook.entity';

export const URL_MAX = 2000;
export const SECRET_MIN = 16;
export const SECRET_MAX = 200;
const KNOWN = new Set<string>(Object.values(WebhookEvent));

/**
 * An endpoint's address as the ADMIN typed it: it must parse, be http: or https:, and carry no
 * user name or password (they would be sent to whoever answers, and kept in plain sight).
 * Gives the address as it will be posted to (the parsed form), or the problems.
 */
export function checkUrl(value: unknown, problems: Problem[]): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) {
    problems.push({ path: 'url', message: 'the address to post to is required', code: 'REQUIRED', params: { field: 'url' } });
    return null;
  }
  if (text.length > URL_MAX) {
    problems.push({ path: 'url', message: `at most ${URL_MAX} characters`, code: 'TOO_LONG', params: { field: 'url', max: URL_MAX } });
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push({ path: 'url', message: `"${text.slice(0, 100)}" is not an address (e.g. https://example.vn/hooks/chamdiem)`, code: 'INVALID_URL', params: { value: text.slice(0, 100) } });
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push({ path: 'url', message: `only http: and https: addresses are posted to, not ${url.protocol}`, code: 'INVALID_URL', params: { value: text.slice(0, 100) } });
    return null;
  }
  if (url.username || url.password) {
    problems.push({ path: 'url', message: 'an address with a user name or password is refused: the signature tells the receiver who is calling', code: 'URL_CREDENTIALS', params: {} });
    return null;
  }
  return url.href;
}

/** At least one known event, each once. */
export function checkEvents(value: unknown, problems: Problem[]): WebhookEvent[] | null {
  const list = Array.isArray(value) ? value : [];
  const unknown = list.filter((e) => !KNOWN.has(e));
  if (unknown.length) {
    problems.push({ path: 'events', message: `unknown event ${String(unknown[0])}`, code: 'NOT_ONE_OF', params: { field: 'events', value: String(unknown[0]), allowed: [...KNOWN].join(', ') } });
    return null;
  }
  if (!list.length) {
    problems.push({ path: 'events', message: 'name at least one event', code: 'REQUIRED', params: { field: 'events' } });
    return null;
  }
  return [...new Set(list as WebhookEvent[])];
}

/** A secret of SECRET_MIN to SECRET_MAX characters, kept as given (it signs every delivery). */
export function checkSecret(value: unknown, problems: Problem[]): string | null {
  const secret = typeof value === 'string' ? value : '';
  if (secret.length < SECRET_MIN) {
    problems.push({ path: 'secret', message: `a secret of at least ${SECRET_MIN} characters (e.g. 32 random ones)`, code: 'SECRET_TOO_SHORT', params: { min: SECRET_MIN } });
    return null;
  }
  if (secret.length > SECRET_MAX) {
    problems.push({ path: 'secret', message: `at most ${SECRET_MAX} characters`, code: 'TOO_LONG', params: { field: 'secret', max: SECRET_MAX } });
    return null;
  }
  return secret;
}
