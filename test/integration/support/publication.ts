/**
 * What a clerk does when a meeting's agenda goes out: records its despatch on the run's stage
 * (`POST /api/runs/{runId}/stages/{stageId}/publication`), and, for a report that missed the agenda, the chair's
 * agreement to take it as a late item (`POST .../late-item`). Nothing is published unless it is recorded.
 */
import type { Answer, Caller, LocalEmail, TestStack } from '../../support/localStack';
import { london, londonDateOf } from './time';

export interface Despatch {
  /** The day the agenda went (default: today by the stack's clock). */
  publishedOn?: string;
  agendaUrl?: string;
}

/** Records the despatch of the stage's agenda and expects it taken (200); answers the run as the API returns it. */
export async function recordPublication(t: TestStack, clerk: Caller, runId: string, stageId: string, despatch: Despatch = {}): Promise<Answer> {
  const publishedOn = despatch.publishedOn ?? londonDateOf(await t.now());
  const res = await t.api.post(
    `/api/runs/${runId}/stages/${stageId}/publication`,
    { publishedOn, ...(despatch.agendaUrl ? { agendaUrl: despatch.agendaUrl } : {}) },
    { as: clerk },
  );
  if (res.status !== 200) throw new Error(`The despatch of the ${stageId} agenda (${publishedOn}) was not recorded: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/**
 * The agenda despatched on the stage's publication deadline, as a clerk keeps the timetable: the clock goes to
 * that day at `time` (London) if it is not there yet, the despatch is recorded for that day and the engine let
 * settle. Answers the stage as `GET` then shows it.
 */
export async function publishOnDeadline(t: TestStack, clerk: Caller, runId: string, stageId: string, opts: { time?: string; agendaUrl?: string } = {}) {
  const stage = await stageOf(t, clerk, runId, stageId);
  const at = london(stage.publishBy, opts.time ?? '10:00');
  if (Date.parse(await t.now()) < Date.parse(at)) await t.advanceClock(at);
  await recordPublication(t, clerk, runId, stageId, { publishedOn: stage.publishBy, agendaUrl: opts.agendaUrl });
  await t.advanceClock(await t.now());
  return stageOf(t, clerk, runId, stageId);
}

/** The chair's agreement to take the stage's report as a late item, expected taken (200). */
export async function agreeLateItem(
  t: TestStack,
  clerk: Caller,
  runId: string,
  stageId: string,
  reason = 'The chair agreed the report could not wait for the next meeting',
  agreedBy = { name: 'Cllr Pat Chair', role: 'Chair' },
): Promise<Answer> {
  const res = await t.api.post(`/api/runs/${runId}/stages/${stageId}/late-item`, { reason, agreedBy }, { as: clerk });
  if (res.status !== 200) throw new Error(`The late item for ${stageId} was not recorded: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function stageOf(t: TestStack, reader: Caller, runId: string, stageId: string): Promise<any> {
  const run = (await t.api.get(`/api/runs/${runId}`, { as: reader })).body;
  const stage = run.stages?.find((s: any) => s.id === stageId);
  if (!stage) throw new Error(`Run ${runId} has no stage ${stageId}`);
  return stage;
}

/** "Report cleared for publication" e-mails. */
export const clearedEmails = (emails: LocalEmail[]) => emails.filter((e) => e.subject.startsWith('Report cleared for publication'));
/** "Publication deadline missed" e-mails. */
export const missedEmails = (emails: LocalEmail[]) => emails.filter((e) => e.subject.startsWith('Publication deadline missed'));
