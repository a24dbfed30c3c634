/**
 * The file names of the calendar feeds' addresses: `/calendar/bodies/<bodyId>.ics` and
 * `/calendar/feeds/<token>.ics` (API Gateway path variables are whole segments, so the handlers read the name).
 * The tokens themselves are made in functions/platform/feedTokens.ts.
 */
import { bodyIdSchema } from './bodies';

/** 32 bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const stem = (file: string) => (file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : undefined);

/** The token of a feed file name (`<token>.ics`), or undefined when it cannot be one. */
export function tokenOfFeedFile(file: string): string | undefined {
  const token = stem(file);
  return token && TOKEN.test(token) ? token : undefined;
}

/** The body id of a body feed's file name (`<bodyId>.ics`), or undefined. */
export function bodyIdOfFeedFile(file: string): string | undefined {
  const id = stem(file);
  return id && bodyIdSchema.safeParse(id).success ? id : undefined;
}
