import type { Answer, Caller, TestStack } from '../../support/localStack';

/** Posts the clock's current instant: answers once every follow-on piece of work (e-mails, moves) is done. */
export async function settle(t: TestStack): Promise<void> {
  await t.advanceClock(await t.now());
}

/** What the API shows of the given runs, the run list and the e-mails sent: equal before and after a refusal. */
export async function stored(t: TestStack, reader: Caller, runIds: string[]) {
  const list = await t.api.get('/api/runs', { as: reader });
  const runs: Record<string, unknown> = {};
  for (const id of runIds) runs[id] = (await t.api.get(`/api/runs/${id}`, { as: reader })).body;
  return { list: list.body, runs, emails: await t.emails() };
}

export interface ExpectedError {
  status: number;
  code: string;
  /** The exact `fields` keys the error must name (not checked when absent). */
  fields?: string[];
}

/** The answer, reduced to what an error check compares (`fields` only when the expectation names some). */
export function errorOf(res: Answer, withFields: boolean) {
  const error = res.body && typeof res.body === 'object' ? res.body.error : undefined;
  return {
    status: res.status,
    code: error?.code,
    hasMessage: typeof error?.message === 'string' && error.message.length > 0,
    ...(withFields ? { fields: Object.keys(error?.fields ?? {}).sort() } : {}),
  };
}

export function expectedError(e: ExpectedError) {
  return { status: e.status, code: e.code, hasMessage: true, ...(e.fields ? { fields: [...e.fields].sort() } : {}) };
}

/**
 * Makes the request, checks it is refused with the documented error, and that nothing changed: the runs as GET
 * shows them, the run list and the e-mails sent.
 */
export async function expectRefused(
  t: TestStack,
  reader: Caller,
  runIds: string[],
  request: () => Promise<Answer>,
  expected: ExpectedError,
): Promise<Answer> {
  const before = await stored(t, reader, runIds);
  const res = await request();
  expect(errorOf(res, !!expected.fields)).toEqual(expectedError(expected));
  expect(await stored(t, reader, runIds)).toEqual(before);
  return res;
}

/** Audit events whose `who` names this e-mail address. */
export function eventsBy(run: { events: Array<{ who: unknown; what: unknown; when: string }> }, email: string) {
  return run.events.filter((e) => JSON.stringify(e.who).toLowerCase().includes(email.toLowerCase()));
}

/** True when `when` lies between two instants (inclusive). */
export function within(when: string, from: string, to: string): boolean {
  const t = Date.parse(when);
  return t >= Date.parse(from) && t <= Date.parse(to);
}
