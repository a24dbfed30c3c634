/**
 * Reads a council's published calendar (an iCalendar feed, a Modern.Gov GetMeetings address) for the morning
 * re-import: plain HTTP GET, a time limit, and a byte limit on what is read (a feed is small; a huge answer is
 * refused, never held in memory whole).
 */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 20_000;

export class FeedUnreadable extends Error {}

export async function fetchCalendarFeed(url: string): Promise<{ contentType: string | undefined; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'text/calendar, application/xml;q=0.9, text/xml;q=0.9' }, signal: AbortSignal.timeout(FEED_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    throw new FeedUnreadable(`could not be read: ${(err as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new FeedUnreadable(`answered ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > FEED_MAX_BYTES) {
    await res.body?.cancel();
    throw new FeedUnreadable(`is larger than ${FEED_MAX_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > FEED_MAX_BYTES) {
      await reader.cancel();
      throw new FeedUnreadable(`is larger than ${FEED_MAX_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return { contentType: res.headers.get('content-type') ?? undefined, text: Buffer.concat(chunks).toString('utf8') };
}
