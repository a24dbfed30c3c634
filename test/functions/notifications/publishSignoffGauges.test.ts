import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../../functions/store/dynamo';
import { installClock } from '../../../functions/platform/clock';
import { publishSignoffGauges } from '../../../functions/notifications/publishSignoffGauges';
import { runPk, signoffIndex, signoffSk } from '../../../functions/store/runKeys';
import { logLinesOf } from '../../support/logLines';
import { startTestTable, type TestTable } from '../store/localTable';

let table: TestTable;

beforeAll(async () => {
  table = await startTestTable();
});

afterAll(async () => {
  await table.close();
});

// Keyed as the store keys sign-offs, so the officers' index holds exactly the requested ones.
const signoff = (id: string, dueBy: string, requested: boolean) => {
  const status = requested ? 'requested' : 'signed';
  const officer = { name: id, email: `${id}@example.gov.uk` };
  return { pk: runPk('run-1'), sk: signoffSk(id), status, dueBy, ...signoffIndex('run-1', { id, dueBy, status, officer }) };
};

describe('publishSignoffGauges', () => {
  it('counts the requested sign-offs in the officers index, and those past their dueBy in London', async () => {
    for (const item of [signoff('legal', '2017-03-07', true), signoff('finance', '2017-03-08', true), signoff('risk', '2017-03-01', false)]) {
      await dynamo().send(new PutCommand({ TableName: table.dynamo.tableName, Item: item }));
    }
    // 00:30 on 8 March in London (GMT): the sign-off due on the 7th is overdue, the one due today is not.
    installClock({ now: () => new Date('2017-03-08T00:30:00Z') });
    const { result, lines } = await logLinesOf(() => publishSignoffGauges());
    expect(result).toEqual({ open: 2, overdue: 1 });
    // The one line the OpenSignoffs and OverdueSignoffs metric filters read.
    expect(lines.filter((l) => l.metric)).toEqual([expect.objectContaining({ metric: 'SignoffGauges', open: 2, overdue: 1 })]);
  });
});
