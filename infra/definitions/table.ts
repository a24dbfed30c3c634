/**
 * The single DynamoDB table, described once as data. The CDK stack and the embedded local stack both build
 * their table from this object, so the two can never drift apart.
 */
export interface KeyDef {
  name: string;
  type: 'S' | 'N';
}
export interface IndexDef {
  indexName: string;
  partitionKey: KeyDef;
  sortKey: KeyDef;
}
export interface TableDef {
  /** Table name used by the local stack; on AWS CloudFormation names it and handlers read RATIFY_TABLE. */
  localName: string;
  partitionKey: KeyDef;
  sortKey: KeyDef;
  globalSecondaryIndexes: IndexDef[];
  /** Epoch-seconds attribute for short-lived items (link tokens, idempotency records). */
  timeToLiveAttribute: string;
}

export const ratifyTable: TableDef = {
  localName: 'ratify',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    // Runs by status, ordered by their next deadline: the portfolio dashboard.
    { indexName: 'byStatus', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    // Open sign-offs by officer e-mail, ordered by due date: "my sign-offs".
    { indexName: 'byOfficer', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } },
    // Meetings by date: the upcoming-meetings page.
    { indexName: 'byMeetingDate', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi3sk', type: 'S' } },
    // The calendar, one index for three lists (CloudFormation adds one index per update, so they share it):
    // bodies (`BODIES` / `<bodyId>`), a body's meetings by date (`BODY#<bodyId>` / `<date>#<time>#<meetingId>`)
    // and the runs' stages at a meeting (`MEETING#<meetingId>` / `<runId>#<stageId>`).
    { indexName: 'byCalendar', partitionKey: { name: 'gsi4pk', type: 'S' }, sortKey: { name: 'gsi4sk', type: 'S' } },
  ],
  timeToLiveAttribute: 'expiresAt',
};
