import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, resetClients } from '../../../functions/commons/aws';
import { installClock, resetClock } from '../../../functions/commons/clock';
import { publishSignoffGauges } from '../../../functions/notifications/publishSignoffGauges';
import { startLocalDynamo, type LocalDynamo } from '../../../infra/local/dynamo';
import { logLinesOf } from '../../support/logLines';

let db: LocalDynamo;
const saved = { ...process.env };

beforeAll(async () => {
  db = await startLocalDynamo();
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: db.url,
    RATIFY_TABLE: db.tableName,
  });
  resetClients();
});

afterAll(async () => {
  process.env = saved;
  resetClients();
  resetClock();
  await db.close();
});

const signoff = (id: string, dueBy: string, requested: boolean) => ({
  pk: 'RUN#run-1',
  sk: `SIGNOFF#${id}`,
  status: requested ? 'requested' : 'signed',
  dueBy,
  ...(requested ? { gsi2pk: `OFFICER#${id}@example.gov.uk`, gsi2sk: `${dueBy}#run-1#${id}` } : {}),
});

describe('publishSignoffGauges', () => {
  it('counts the requested sign-offs in the officers index, and those past their dueBy in London', async () => {
    for (const item of [signoff('legal', '2017-03-07', true), signoff('finance', '2017-03-08', true), signoff('risk', '2017-03-01', false)]) {
      await dynamo().send(new PutCommand({ TableName: db.tableName, Item: item }));
    }
    // 00:30 on 8 March in London (GMT): the sign-off due on the 7th is overdue, the one due today is not.
    installClock({ now: () => new Date('2017-03-08T00:30:00Z') });
    const { result, lines } = await logLinesOf(() => publishSignoffGauges());
    expect(result).toEqual({ open: 2, overdue: 1 });
    // The one line the OpenSignoffs and OverdueSignoffs metric filters read.
    expect(lines.filter((l) => l.metric)).toEqual([expect.objectContaining({ metric: 'SignoffGauges', open: 2, overdue: 1 })]);
  });
});
