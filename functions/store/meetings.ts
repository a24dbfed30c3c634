/**
 * Meetings on the calendar (`MEETING#<meetingId>` / `MEETING`), listed by body and date through the calendar
 * index (`BODY#<bodyId>` / `<date>#<time>#<meetingId>`, untimed first), and the runs' stages at a meeting
 * (`MEETING#<meetingId>` / `<runId>#<stageId>` on STAGE items).
 */
import { GetCommand, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '../domain/calendar';
import { meetingSchema, type Meeting } from '../domain/meetings';
import type { MeetingStatus } from '../domain/runModel';
import { conditionalWrite } from './conditionalWrite';
import { dynamo, tableName } from './dynamo';
import { bodyPk, MEETING_SK, meetingPk } from './runKeys';

const MAX_KEY_BYTES = 2048;

function meetingItem(meeting: Meeting) {
  return {
    pk: meetingPk(meeting.meetingId),
    sk: MEETING_SK,
    type: 'meeting',
    ...meeting,
    gsi4pk: bodyPk(meeting.body),
    gsi4sk: `${meeting.date}#${meeting.time ?? ''}#${meeting.meetingId}`,
  };
}

/** Stores a new meeting; false when one with that id exists already (an import made it meanwhile). */
export async function createMeeting(meeting: Meeting): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(new PutCommand({ TableName: tableName(), Item: meetingItem(meeting), ConditionExpression: 'attribute_not_exists(pk)' })),
  );
}

/**
 * Replaces a stored meeting (moved, cancelled, a new venue) only if it still is as `was`; false when someone
 * changed it meanwhile.
 */
export async function replaceMeeting(meeting: Meeting, was: Meeting): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: meetingItem(meeting),
        ConditionExpression: '#date = :date AND #status = :status AND ' + (was.time === undefined ? 'attribute_not_exists(#time)' : '#time = :time'),
        ExpressionAttributeNames: { '#date': 'date', '#status': 'status', '#time': 'time' },
        ExpressionAttributeValues: { ':date': was.date, ':status': was.status, ...(was.time === undefined ? {} : { ':time': was.time }) },
      }),
    ),
  );
}

export async function getMeeting(meetingId: string): Promise<Meeting | undefined> {
  if (Buffer.byteLength(meetingPk(meetingId)) > MAX_KEY_BYTES) return undefined;
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: meetingPk(meetingId), sk: MEETING_SK }, ConsistentRead: true }));
  return out.Item ? meetingSchema.parse(out.Item) : undefined;
}

/** A body's meetings in calendar order, from and to the dates given (inclusive). */
export async function meetingsOfBody(bodyId: string, window: { from?: IsoDate; to?: IsoDate } = {}): Promise<Meeting[]> {
  const range =
    window.from && window.to
      ? { expr: ' AND gsi4sk BETWEEN :from AND :to', values: { ':from': window.from, ':to': `${window.to}#~` } }
      : window.from
        ? { expr: ' AND gsi4sk >= :from', values: { ':from': window.from } }
        : window.to
          ? { expr: ' AND gsi4sk <= :to', values: { ':to': `${window.to}#~` } }
          : { expr: '', values: {} };
  const meetings: Meeting[] = [];
  const pages = paginateQuery(
    { client: dynamo() },
    {
      TableName: tableName(),
      IndexName: 'byCalendar',
      KeyConditionExpression: `gsi4pk = :pk${range.expr}`,
      ExpressionAttributeValues: { ':pk': bodyPk(bodyId), ...range.values },
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) meetings.push(meetingSchema.parse(item));
  return meetings;
}

/** Where a run's stage sits at a meeting, as the calendar index lists it. */
export interface StageAtMeeting {
  runId: string;
  stageIndex: number;
  stageId: string;
  /** The stage's date and whether its meeting holds it, as the index last saw them. */
  meetingDate: IsoDate;
  meetingStatus: MeetingStatus | null;
}

/** The runs' stages at this meeting (the index is eventually consistent: callers read each run again). */
export async function stagesAtMeeting(meetingId: string): Promise<StageAtMeeting[]> {
  const out: StageAtMeeting[] = [];
  const pages = paginateQuery(
    { client: dynamo() },
    {
      TableName: tableName(),
      IndexName: 'byCalendar',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': meetingPk(meetingId) },
      ProjectionExpression: 'runId, #index, id, meetingDate, meetingStatus',
      ExpressionAttributeNames: { '#index': 'index' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      out.push({
        runId: String(item.runId),
        stageIndex: Number(item.index),
        stageId: String(item.id),
        meetingDate: String(item.meetingDate),
        meetingStatus: (item.meetingStatus ?? null) as MeetingStatus | null,
      });
    }
  }
  return out;
}
