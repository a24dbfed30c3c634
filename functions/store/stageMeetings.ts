/**
 * A run's stage and its calendar meeting: which meeting it sits at (and the calendar index entry that lists it
 * there), whether that meeting still holds it, and the date it takes from it.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../domain/calendar';
import type { StageDespatch } from '../domain/publication';
import type { LateItem, MeetingStatus, Urgency } from '../domain/runModel';
import { dynamo, tableName } from './dynamo';
import { runPk, stageIndex, stageMeetingIndex, stageSk } from './runKeys';

export interface StageMeetingWrite {
  runId: string;
  stageIndex: number;
  stageId: string;
  /** The meeting the stage is at now; null: a stage typed by date. */
  meetingId: string | null;
  meetingStatus: MeetingStatus | null;
  /** The calendar body of the meeting the stage is put at (kept when it leaves one: the body is the same). */
  bodyId?: string;
  /** A new date (and its deadline) when the stage moves with it. */
  date?: { meetingDate: IsoDate; publishBy: IsoDate };
  /** The move makes the report a late item for the new meeting (its deadline had passed). */
  lateItem?: LateItem;
  /** A key decision's urgency for the new date (set), none needed any more (null: removed), or kept (undefined). */
  urgency?: Urgency | null;
  /** The new meeting's agenda already went (without this report): recorded, so the report is a late item for it. */
  despatch?: StageDespatch;
}

function removals(index: boolean, urgency: boolean): string {
  const names = [...(index ? ['gsi4pk', 'gsi4sk'] : []), ...(urgency ? ['urgency'] : [])];
  return names.length ? ` REMOVE ${names.join(', ')}` : '';
}

export async function putStageMeeting(w: StageMeetingWrite): Promise<void> {
  const sets = ['meetingId = :mid', 'meetingStatus = :ms'];
  const values: Record<string, unknown> = { ':mid': w.meetingId, ':ms': w.meetingStatus };
  const index = stageMeetingIndex(w.runId, { id: w.stageId, meetingId: w.meetingId });
  if (index.gsi4pk) {
    sets.push('gsi4pk = :g4pk', 'gsi4sk = :g4sk');
    Object.assign(values, { ':g4pk': index.gsi4pk, ':g4sk': index.gsi4sk });
  }
  if (w.bodyId) {
    sets.push('bodyId = :bid');
    values[':bid'] = w.bodyId;
  }
  if (w.lateItem) {
    sets.push('lateItem = :li');
    values[':li'] = w.lateItem;
  }
  if (w.urgency) {
    sets.push('urgency = :u');
    values[':u'] = w.urgency;
  }
  if (w.despatch) {
    sets.push('agendaFor = :af', 'publishedOn = :po', 'agendaUrl = :au');
    Object.assign(values, { ':af': w.despatch.agendaFor, ':po': w.despatch.publishedOn, ':au': w.despatch.agendaUrl });
  }
  if (w.date) {
    sets.push('meetingDate = :m', 'publishBy = :p', 'gsi3sk = :g3');
    Object.assign(values, { ':m': w.date.meetingDate, ':p': w.date.publishBy, ':g3': stageIndex(w.runId, { id: w.stageId, meetingDate: w.date.meetingDate }).gsi3sk });
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: runPk(w.runId), sk: stageSk(w.stageIndex) },
      UpdateExpression: `SET ${sets.join(', ')}${removals(!index.gsi4pk, w.urgency === null)}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: values,
    }),
  );
}
