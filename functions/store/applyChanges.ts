/**
 * The planner's changes as DynamoDB writes: one conditional single-item write each, with the meaning of the
 * pure `domain/applyChange.ts`. A failed condition means the change was made already (by the execution or an
 * API call racing with it) and is skipped.
 */
import { PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import type { Change } from '../domain/runChanges';
import { META, runPk, signoffIndex, signoffSk, stageIndex, stageSk, statusPk } from './runKeys';
import { conditionalWrite } from './conditionalWrite';
import { revisionItem, signoffItem, stageItem } from './runStore';

type Update = Omit<UpdateCommandInput, 'TableName'>;

function writeOf(runId: string, change: Change): { put?: Record<string, unknown>; update?: Update } {
  const pk = runPk(runId);
  switch (change.kind) {
    case 'setSignoffDue': {
      const index = signoffIndex(runId, { officer: { email: '', name: '' }, dueBy: change.dueBy, id: change.signoffId, status: change.status });
      return {
        update: {
          Key: { pk, sk: signoffSk(change.signoffId) },
          UpdateExpression: index.gsi2sk ? 'SET dueBy = :d, gsi2sk = :g' : 'SET dueBy = :d',
          ConditionExpression: 'round = :r AND #status = :s AND dueBy <> :d',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':d': change.dueBy, ':r': change.round, ':s': change.status, ...(index.gsi2sk ? { ':g': index.gsi2sk } : {}) },
        },
      };
    }
    case 'askSignoffAgain': {
      const index = signoffIndex(runId, { officer: { email: change.officerEmail, name: '' }, dueBy: change.dueBy, id: change.signoffId, status: 'requested' });
      return {
        update: {
          Key: { pk, sk: signoffSk(change.signoffId) },
          UpdateExpression:
            'SET round = :next, revision = :rev, dueFor = :for, dueBy = :d, #status = :requested, requestedAt = :at, gsi2pk = :g2pk, gsi2sk = :g2sk ' +
            'REMOVE answeredAt, signedAt, #comment, answeredBy, answeredAs',
          ConditionExpression: 'round = :from',
          ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
          ExpressionAttributeValues: {
            ':next': change.fromRound + 1,
            ':from': change.fromRound,
            ':rev': change.revision,
            ':for': change.dueFor,
            ':d': change.dueBy,
            ':requested': 'requested',
            ':at': change.at,
            ':g2pk': index.gsi2pk,
            ':g2sk': index.gsi2sk,
          },
        },
      };
    }
    case 'addSignoff':
      return { put: { ...signoffItem(runId, change.signoff, 0), createdOrder: `D#${change.signoff.requestedAt}` } };
    case 'addRevision':
      return { put: revisionItem(runId, change.revision) };
    case 'markRevisionsApplied':
      return {
        update: {
          Key: { pk, sk: META },
          UpdateExpression: `SET revisionsApplied = :to${change.clearAwaiting ? ', awaitingRevision = :f' : ''} ADD version :one`,
          ConditionExpression: 'revisionsApplied = :from',
          ExpressionAttributeValues: { ':to': change.to, ':from': change.from, ':one': 1, ...(change.clearAwaiting ? { ':f': false } : {}) },
        },
      };
    case 'addStage':
      return { put: stageItem(runId, change.stage) };
    case 'rescheduleStage':
      return {
        update: {
          Key: { pk, sk: stageSk(change.stageIndex) },
          UpdateExpression: 'SET meetingDate = :m, publishBy = :p, gsi3sk = :g',
          ConditionExpression: 'meetingDate <> :m',
          ExpressionAttributeValues: {
            ':m': change.meetingDate,
            ':p': change.publishBy,
            ':g': stageIndex(runId, { id: change.stageId, meetingDate: change.meetingDate }).gsi3sk,
          },
        },
      };
    case 'moveCursor':
      return {
        update: {
          Key: { pk, sk: META },
          UpdateExpression: 'SET #cursor = :to, awaitingRevision = :aw ADD version :one',
          ConditionExpression: '#status = :running AND #cursor.round = :from',
          ExpressionAttributeNames: { '#cursor': 'cursor', '#status': 'status' },
          ExpressionAttributeValues: { ':to': change.to, ':aw': change.awaitingRevision, ':running': 'running', ':from': change.from.round, ':one': 1 },
        },
      };
    case 'finish':
      return {
        update: {
          Key: { pk, sk: META },
          UpdateExpression: 'SET #status = :st, finishedAt = :at, gsi1pk = :g ADD version :one',
          ConditionExpression: '#status = :running AND #cursor.round = :r',
          ExpressionAttributeNames: { '#cursor': 'cursor', '#status': 'status' },
          ExpressionAttributeValues: { ':st': change.status, ':at': change.at, ':g': statusPk(change.status), ':running': 'running', ':r': change.round, ':one': 1 },
        },
      };
  }
}

/** Applies one change; false when its condition failed (already done by someone else). */
export async function applyStoredChange(runId: string, change: Change): Promise<boolean> {
  const write = writeOf(runId, change);
  return conditionalWrite(async () => {
    if (write.put) {
      await dynamo().send(new PutCommand({ TableName: tableName(), Item: write.put, ConditionExpression: 'attribute_not_exists(pk)' }));
    } else if (write.update) {
      await dynamo().send(new UpdateCommand({ TableName: tableName(), ...write.update }));
    }
  });
}
