/**
 * Every Lambda function of Ratify, described once. The CDK stack makes one NodejsFunction (and one role) per
 * entry; the embedded local stack imports the same modules and calls them in-process.
 *
 * - workflow functions are invoked by the state machine; `substitution` is the `${...}` name in
 *   workflows/approval.asl.json that receives the function's ARN.
 * - api functions serve the HTTP routes listed in `routes` (API Gateway v2 route keys, `{param}` style).
 * - event functions are invoked asynchronously by AWS (SES bounce/complaint notifications, a schedule); the CDK
 *   stack gives each a dead-letter queue. The local stack may ignore them.
 */
export type DynamoAccess = 'read' | 'readwrite';

export interface FunctionPermissions {
  table?: DynamoAccess;
  sendEmail?: boolean;
  /** SendTaskSuccess/Failure/Heartbeat, StopExecution, StartExecution on the approval state machine. */
  stateMachine?: Array<'start' | 'callback' | 'stop' | 'describe'>;
  /** Needs the link-signing key. */
  linkKey?: boolean;
}

/** Sizing hints for the CDK stack (and the local stack's Lambda contexts); `defaultSizing` when not given. */
export interface FunctionSizing {
  memoryMiB?: number;
  timeoutSeconds?: number;
  /**
   * Repository-relative files or folders the handler reads at run time (templates, assets), copied into the
   * Lambda bundle at the same relative path, e.g. 'node_modules/govuk-frontend/dist/govuk'. Resolve them with
   * `process.env.LAMBDA_TASK_ROOT ?? <repository root>` + the same relative path.
   */
  bundleFiles?: string[];
}

/** Memory and timeout when a function's entry gives no hint. API Gateway gives up after 30 s anyway. */
export const defaultSizing: Record<FunctionDef['kind'], { memoryMiB: number; timeoutSeconds: number }> = {
  workflow: { memoryMiB: 512, timeoutSeconds: 30 },
  api: { memoryMiB: 512, timeoutSeconds: 10 },
  event: { memoryMiB: 256, timeoutSeconds: 60 },
};

export interface WorkflowFunctionDef {
  kind: 'workflow';
  id: string;
  /** Path from the repository root, e.g. functions/workflow/reconcileRun.ts */
  entry: string;
  handler: string;
  substitution: string;
  permissions: FunctionPermissions;
  description: string;
  sizing?: FunctionSizing;
}

export interface ApiFunctionDef {
  kind: 'api';
  id: string;
  entry: string;
  handler: string;
  /** e.g. 'POST /api/runs', 'GET /api/runs/{runId}' */
  routes: string[];
  /** Public routes skip the JWT authorizer (the sign-off link page checks its signed link itself). */
  public?: boolean;
  /** Only served by the embedded local stack (dev sign-in). */
  localOnly?: boolean;
  permissions: FunctionPermissions;
  description: string;
  sizing?: FunctionSizing;
}

/** What invokes an event function on AWS. */
export type EventTrigger =
  /** SES bounce and complaint notifications (configuration set -> SNS topic -> this function). */
  | { type: 'emailFeedback' }
  /** An EventBridge schedule, e.g. 'rate(15 minutes)'. */
  | { type: 'schedule'; expression: string };

export interface EventFunctionDef {
  kind: 'event';
  id: string;
  entry: string;
  handler: string;
  trigger: EventTrigger;
  permissions: FunctionPermissions;
  description: string;
  sizing?: FunctionSizing;
}

export type FunctionDef = WorkflowFunctionDef | ApiFunctionDef | EventFunctionDef;

/** Local ARN of a function: what the embedded stack substitutes into the definition. */
export function localFunctionArn(id: string, region = 'eu-west-2', account = '000000000000'): string {
  return `arn:aws:lambda:${region}:${account}:function:ratify-${id}`;
}

/** What every page reads at run time: its views and the GOV.UK Frontend macros. */
const PAGE_FILES = ['node_modules/govuk-frontend/dist/govuk', 'functions/pages/views'];

export const functionDefs: FunctionDef[] = [
  // Filled in as handlers are written; keep ids PascalCase and unique.
  {
    kind: 'workflow',
    id: 'ReconcileRun',
    entry: 'functions/workflow/reconcileRun.ts',
    handler: 'handler',
    substitution: 'ReconcileRunFunctionArn',
    permissions: { table: 'readwrite', sendEmail: true, linkKey: true },
    description: 'Brings a run up to date, sends the e-mails it is owed and names the next wait',
  },
  {
    kind: 'workflow',
    id: 'AwaitChange',
    entry: 'functions/workflow/awaitChange.ts',
    handler: 'handler',
    substitution: 'AwaitChangeFunctionArn',
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: 'Stores the wait task token and wakes the execution at once if the run changed meanwhile',
  },
  {
    kind: 'workflow',
    id: 'RecordFailure',
    entry: 'functions/workflow/recordFailure.ts',
    handler: 'handler',
    substitution: 'RecordFailureFunctionArn',
    permissions: { table: 'readwrite', sendEmail: true },
    description: 'Flags a run whose workflow failed after its retries, tells its clerk once, and says when to try again',
  },
  {
    kind: 'workflow',
    id: 'HandOver',
    entry: 'functions/workflow/handover.ts',
    handler: 'handler',
    substitution: 'HandOverFunctionArn',
    permissions: { stateMachine: ['start'] },
    description: 'Starts the next execution of a run whose execution nears the one-year limit of Standard workflows',
  },
  {
    kind: 'api',
    id: 'CreateRun',
    entry: 'functions/api/createRun.ts',
    handler: 'handler',
    routes: ['POST /api/runs'],
    permissions: { table: 'readwrite', stateMachine: ['start'] },
    description: 'Starts a run: validates, stores it and starts its execution',
    sizing: { bundleFiles: ['workflows/routes'] },
  },
  {
    kind: 'api',
    id: 'ListRuns',
    entry: 'functions/api/listRuns.ts',
    handler: 'handler',
    routes: ['GET /api/runs'],
    permissions: { table: 'read' },
    description: 'Lists runs, optionally by status',
  },
  {
    kind: 'api',
    id: 'RunsCsv',
    entry: 'functions/api/runsCsv.ts',
    handler: 'handler',
    routes: ['GET /api/runs.csv'],
    permissions: { table: 'read' },
    description: "The runs list's filters as CSV: every matching run's status, stage, next deadline, sign-offs and RAG",
  },
  {
    kind: 'api',
    id: 'GetRun',
    entry: 'functions/api/getRun.ts',
    handler: 'handler',
    routes: ['GET /api/runs/{runId}'],
    permissions: { table: 'read' },
    description: 'One run with its stages, sign-offs, decisions and audit trail',
  },
  {
    kind: 'api',
    id: 'FrontSheet',
    entry: 'functions/api/frontSheet.ts',
    handler: 'handler',
    routes: ['GET /api/runs/{runId}/front-sheet'],
    permissions: { table: 'read' },
    description: "The report front sheet's Timetable and Sign-off tables as HTML, CSV or Word",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'AnswerSignoff',
    entry: 'functions/api/answerSignoff.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/signoffs/{signoffId}'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: 'Records a sign-off answer and wakes the run',
  },
  {
    kind: 'api',
    id: 'RecordDecision',
    entry: 'functions/api/recordDecision.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/stages/{stageId}/decision'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: 'Records the decision of a stage and wakes the run',
  },
  {
    kind: 'api',
    id: 'RescheduleStage',
    entry: 'functions/api/rescheduleStage.ts',
    handler: 'handler',
    routes: ['PATCH /api/runs/{runId}/stages/{stageId}'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: 'Moves a meeting and recomputes its deadlines',
  },
  {
    kind: 'api',
    id: 'RecordPublication',
    entry: 'functions/api/recordPublication.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/stages/{stageId}/publication'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: "Records the despatch of a stage's agenda: the report published, or a late item",
  },
  {
    kind: 'api',
    id: 'RecordLateItem',
    entry: 'functions/api/recordLateItem.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/stages/{stageId}/late-item'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: "Records the chair's agreement to take a report as a late item",
  },
  {
    kind: 'api',
    id: 'RecordCallIn',
    entry: 'functions/api/callIn.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/call-in'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: "Records the call-in of a final executive decision within its call-in period: a scrutiny stage is added at the meeting named",
  },
  {
    kind: 'api',
    id: 'AddRevision',
    entry: 'functions/api/addRevision.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/revisions'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: 'Records a revised report; the sign-offs it affects are asked again',
  },
  {
    kind: 'api',
    id: 'WithdrawRun',
    entry: 'functions/api/withdrawRun.ts',
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/withdraw'],
    permissions: { table: 'readwrite', stateMachine: ['callback'], sendEmail: true, linkKey: true },
    description: 'Withdraws a run: records why and wakes its execution, which sends the closing e-mail and ends',
  },
  {
    kind: 'api',
    id: 'ReportIntake',
    entry: 'functions/api/intake.ts',
    handler: 'handler',
    routes: ['POST /api/intake'],
    permissions: { table: 'read' },
    description: "Reads a committee report (text, .docx or .pdf) into a proposed run, officers' addresses from the people directory; starts nothing",
    sizing: { memoryMiB: 1024, timeoutSeconds: 29 },
  },
  {
    kind: 'api',
    id: 'PeopleRead',
    entry: 'functions/api/people.ts',
    handler: 'readHandler',
    routes: ['GET /api/people', 'GET /api/people/{email}'],
    permissions: { table: 'read' },
    description: 'The people directory (admins and clerks): everyone, the people of an area, or one person',
  },
  {
    kind: 'api',
    id: 'PutPerson',
    entry: 'functions/api/people.ts',
    handler: 'putHandler',
    routes: ['PUT /api/people/{email}'],
    permissions: { table: 'readwrite' },
    description: "Adds or replaces a person of the directory (job title, area, roles, deputy, away), checking the deputies' chain",
  },
  {
    kind: 'api',
    id: 'DeletePerson',
    entry: 'functions/api/people.ts',
    handler: 'deleteHandler',
    routes: ['DELETE /api/people/{email}'],
    permissions: { table: 'readwrite' },
    description: "Removes a person from the directory, unless they are someone's deputy",
  },
  {
    kind: 'api',
    id: 'SignoffLinkPage',
    entry: 'functions/api/signoffLink.ts',
    handler: 'showHandler',
    routes: ['GET /signoff/{link}'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: 'Shows the sign-off an e-mailed link asks for (changes nothing)',
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'SignoffLinkAnswer',
    entry: 'functions/api/signoffLink.ts',
    handler: 'answerHandler',
    routes: ['POST /signoff/{link}'],
    public: true,
    permissions: { table: 'readwrite', linkKey: true, stateMachine: ['callback'] },
    description: 'Records the answer given through an e-mailed sign-off link, once',
    sizing: { bundleFiles: PAGE_FILES },
  },
  // The council's calendar: bodies, meetings, imports, planning on it, and its iCalendar feeds.
  {
    kind: 'api',
    id: 'PutBody',
    entry: 'functions/api/bodies.ts',
    handler: 'putHandler',
    routes: ['PUT /api/bodies/{bodyId}'],
    permissions: { table: 'readwrite' },
    description: 'Creates or replaces a body of the council (its kind, clear days and call-in period)',
  },
  {
    kind: 'api',
    id: 'ListBodies',
    entry: 'functions/api/bodies.ts',
    handler: 'listHandler',
    routes: ['GET /api/bodies'],
    permissions: { table: 'read' },
    description: "The council's bodies",
  },
  {
    kind: 'api',
    id: 'GetBody',
    entry: 'functions/api/bodies.ts',
    handler: 'getHandler',
    routes: ['GET /api/bodies/{bodyId}'],
    permissions: { table: 'read' },
    description: 'One body of the council',
  },
  {
    kind: 'api',
    id: 'CreateMeeting',
    entry: 'functions/api/meetings.ts',
    handler: 'createHandler',
    routes: ['POST /api/meetings'],
    permissions: { table: 'readwrite' },
    description: "Adds a meeting to a body's calendar",
  },
  {
    kind: 'api',
    id: 'ListMeetings',
    entry: 'functions/api/meetings.ts',
    handler: 'listHandler',
    routes: ['GET /api/meetings'],
    permissions: { table: 'read' },
    description: 'Meetings by date, by body, dates and status',
  },
  {
    kind: 'api',
    id: 'GetMeeting',
    entry: 'functions/api/meetings.ts',
    handler: 'getHandler',
    routes: ['GET /api/meetings/{meetingId}'],
    permissions: { table: 'read' },
    description: 'One meeting with the reports of the runs at it (the agenda in preparation)',
  },
  {
    kind: 'api',
    id: 'RecordMeetingPublication',
    entry: 'functions/api/meetings.ts',
    handler: 'publicationHandler',
    routes: ['POST /api/meetings/{meetingId}/publication'],
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: "Records a meeting's agenda despatch: every report on it cleared then is published, any other is a late item",
    sizing: { timeoutSeconds: 29 },
  },
  {
    kind: 'api',
    id: 'ChangeMeeting',
    entry: 'functions/api/meetings.ts',
    handler: 'patchHandler',
    routes: ['PATCH /api/meetings/{meetingId}'],
    permissions: { table: 'readwrite', stateMachine: ['callback'], sendEmail: true },
    description: 'Moves or cancels a meeting; every running run with a stage at it follows and is told',
    sizing: { timeoutSeconds: 29 },
  },
  {
    kind: 'api',
    id: 'ImportMeetings',
    entry: 'functions/api/meetings.ts',
    handler: 'importHandler',
    routes: ['POST /api/meetings/import'],
    permissions: { table: 'readwrite', stateMachine: ['callback'], sendEmail: true },
    description: "Imports a body's meetings from an iCalendar file or a Modern.Gov GetMeetings answer; moved and cancelled meetings carry their runs",
    sizing: { timeoutSeconds: 29 },
  },
  {
    kind: 'api',
    id: 'ProposePlan',
    entry: 'functions/api/proposePlan.ts',
    handler: 'handler',
    routes: ['POST /api/plans/propose'],
    permissions: { table: 'read' },
    description: 'The earliest timetable on the calendar for a report: a meeting per stage, with why; stores nothing',
    sizing: { bundleFiles: ['workflows/routes'] },
  },
  {
    kind: 'api',
    id: 'BodyCalendarFeed',
    entry: 'functions/api/calendarFeeds.ts',
    handler: 'bodyFeedHandler',
    // API Gateway path variables are whole segments: `{bodyFile}` is `<bodyId>.ics`.
    routes: ['GET /calendar/bodies/{bodyFile}'],
    public: true,
    permissions: { table: 'read' },
    description: "A body's meetings as an iCalendar feed (public: dates and titles only)",
  },
  {
    kind: 'api',
    id: 'PersonCalendarFeed',
    entry: 'functions/api/calendarFeeds.ts',
    handler: 'personFeedHandler',
    routes: ['GET /calendar/feeds/{feedFile}'],
    public: true,
    permissions: { table: 'read' },
    description: "A person's sign-off due dates and their runs' meetings as an iCalendar feed, opened by its secret token",
  },
  {
    kind: 'api',
    id: 'MyCalendarFeed',
    entry: 'functions/api/calendarFeeds.ts',
    handler: 'myFeedHandler',
    routes: ['GET /api/me/calendar-feed', 'DELETE /api/me/calendar-feed'],
    permissions: { table: 'readwrite', linkKey: true },
    description: "The caller's calendar feed address: made on first asking, revoked on DELETE",
  },
  {
    kind: 'api',
    id: 'RunTimetable',
    entry: 'functions/api/calendarFeeds.ts',
    handler: 'runTimetableHandler',
    routes: ['GET /api/runs/{runId}/timetable.ics'],
    permissions: { table: 'read' },
    description: "A run's timetable as an iCalendar feed: meetings, publication deadlines, sign-off due dates",
  },
  // The forward plan of key decisions: a public notice, as a page, as data and as an iCalendar feed (one function).
  {
    kind: 'api',
    id: 'ForwardPlan',
    entry: 'functions/api/forwardPlan.ts',
    handler: 'handler',
    routes: ['GET /forward-plan', 'GET /api/forward-plan', 'GET /calendar/forward-plan.ics'],
    public: true,
    permissions: { table: 'read' },
    description: 'The forward plan: every key decision not yet taken, its decision maker, date, notice date and urgency, as a page, JSON and iCalendar (public)',
    sizing: { bundleFiles: PAGE_FILES },
  },
  // Pages (GOV.UK Design System): public routes that verify the caller's ID token themselves (session cookie or
  // bearer), check roles as the API does, and need the link key for their forms' CSRF tokens.
  {
    kind: 'api',
    id: 'DashboardPage',
    entry: 'functions/pages/dashboardPage.ts',
    handler: 'handler',
    routes: ['GET /'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: 'Portfolio dashboard: every plan in flight, on track / at risk / late',
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'StartRunPage',
    entry: 'functions/pages/startRunPage.ts',
    handler: 'handler',
    routes: ['GET /runs/new', 'POST /runs/new'],
    public: true,
    permissions: { table: 'readwrite', stateMachine: ['start'], linkKey: true },
    description: 'The form that starts a run (clerks)',
    sizing: { bundleFiles: [...PAGE_FILES, 'workflows/routes'] },
  },
  {
    kind: 'api',
    id: 'FrontSheetPage',
    entry: 'functions/pages/frontSheetPage.ts',
    handler: 'handler',
    routes: ['GET /runs/{runId}/front-sheet'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: "The report front sheet's tables as a page, a Word document or CSV, for the signed-in page session",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'TimelineSvg',
    entry: 'functions/pages/timelineSvgPage.ts',
    handler: 'handler',
    routes: ['GET /runs/{runId}/timeline.svg'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: "A run's timeline picture (SVG): meetings, publication deadlines, sign-off due dates, today, what is late",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'RunsCsvPage',
    entry: 'functions/pages/runsCsvPage.ts',
    handler: 'handler',
    routes: ['GET /runs.csv'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: "The dashboard's runs as CSV, for the signed-in page session",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'TimelinePage',
    entry: 'functions/pages/timelinePage.ts',
    handler: 'handler',
    routes: ['GET /timeline'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: 'Every plan in flight on one date axis by month, with the same in words',
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'MeetingPage',
    entry: 'functions/pages/meetingPage.ts',
    handler: 'handler',
    routes: ['GET /meetings/{meetingId}', 'POST /meetings/{meetingId}/publication'],
    public: true,
    permissions: { table: 'readwrite', stateMachine: ['callback'], linkKey: true },
    description: "One calendar meeting and its agenda in preparation; the clerk records the agenda's despatch",
    sizing: { bundleFiles: PAGE_FILES, timeoutSeconds: 29 },
  },
  {
    kind: 'api',
    id: 'RunPage',
    entry: 'functions/pages/runPage.ts',
    handler: 'handler',
    routes: ['GET /runs/{runId}', 'GET /runs/{runId}/decisions/{ref}', 'GET /decisions/{runId}/{ref}'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: "One run's timetable, sign-offs and audit trail, with the clerk's forms; and each of its decision notices",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'RunActionPages',
    entry: 'functions/pages/runActionPages.ts',
    handler: 'handler',
    routes: [
      'POST /runs/{runId}/decision',
      'POST /runs/{runId}/reschedule',
      'POST /runs/{runId}/withdraw',
      'POST /runs/{runId}/publication',
      'POST /runs/{runId}/late-item',
      'POST /runs/{runId}/call-in',
    ],
    public: true,
    permissions: { table: 'readwrite', stateMachine: ['callback'], sendEmail: true, linkKey: true },
    description: "The clerk's forms on a run's page: record a decision, move a meeting, record a despatch or a late item, a call-in, withdraw",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'RevisionPage',
    entry: 'functions/pages/revisionPage.ts',
    handler: 'handler',
    routes: ['POST /runs/{runId}/revision'],
    public: true,
    permissions: { table: 'readwrite', stateMachine: ['callback'], linkKey: true },
    description: "A revised report posted from a run's page by the plan's author (or a clerk for them)",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'AnswerSignoffPage',
    entry: 'functions/pages/answerSignoffPage.ts',
    handler: 'handler',
    routes: ['GET /runs/{runId}/signoffs/{signoffId}', 'POST /runs/{runId}/signoffs/{signoffId}'],
    public: true,
    permissions: { table: 'readwrite', stateMachine: ['callback'], linkKey: true },
    description: 'A sign-off answered by its officer, or a clerk on their behalf, from the pages',
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'MeetingsPage',
    entry: 'functions/pages/meetingsPage.ts',
    handler: 'handler',
    routes: ['GET /meetings'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: 'Upcoming meetings across runs, with publication deadlines',
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'MySignoffsPage',
    entry: 'functions/pages/mySignoffsPage.ts',
    handler: 'handler',
    routes: ['GET /signoffs'],
    public: true,
    permissions: { table: 'read', linkKey: true },
    description: "The signed-in officer's open sign-offs",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'PeoplePage',
    entry: 'functions/pages/peoplePage.ts',
    handler: 'handler',
    routes: ['GET /people', 'POST /people'],
    public: true,
    permissions: { table: 'readwrite', linkKey: true },
    description: 'The people directory (admins and clerks): the list, and the form that adds, changes or removes a person',
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'NotFoundPage',
    entry: 'functions/pages/notFoundPage.ts',
    handler: 'handler',
    // The least specific route: every other route wins over it, so it answers only addresses nothing else takes.
    routes: ['GET /{proxy+}'],
    public: true,
    permissions: {},
    description: 'The GOV.UK "Page not found" page for a mistyped address (the JSON 404 under /api/)',
    sizing: { memoryMiB: 256, bundleFiles: PAGE_FILES },
  },
  {
    kind: 'api',
    id: 'PageAssets',
    entry: 'functions/pages/assets.ts',
    handler: 'handler',
    routes: ['GET /assets/{proxy+}'],
    public: true,
    permissions: {},
    description: "GOV.UK Frontend's stylesheet, script, fonts and images for the pages, and web/ (the same for everyone)",
    sizing: { memoryMiB: 256, bundleFiles: ['node_modules/govuk-frontend/dist/govuk', 'web'] },
  },
  // The browser sign-in on AWS (authorization code with PKCE): it gives the pages their session cookie. Public:
  // nobody is signed in yet; the state cookie it checks is signed with the link key.
  {
    kind: 'api',
    id: 'SignIn',
    entry: 'functions/auth/signIn.ts',
    handler: 'handler',
    routes: ['GET /auth/login', 'GET /auth/callback', 'GET /auth/logout'],
    public: true,
    permissions: { linkKey: true },
    description: "Browser sign-in through the identity provider's hosted sign-in: sets and clears the session cookie",
    sizing: { bundleFiles: PAGE_FILES },
  },
  {
    kind: 'event',
    id: 'MarkUndeliverable',
    entry: 'functions/notifications/markUndeliverable.ts',
    handler: 'handler',
    trigger: { type: 'emailFeedback' },
    permissions: { table: 'readwrite', sendEmail: true },
    description: 'SES bounce/complaint: marks the address undeliverable and alerts the clerk',
  },
  {
    kind: 'event',
    id: 'PublishSignoffGauges',
    entry: 'functions/notifications/publishSignoffGauges.ts',
    handler: 'handler',
    trigger: { type: 'schedule', expression: 'rate(15 minutes)' },
    permissions: { table: 'read' },
    description: 'Counts open and overdue sign-offs for the operators dashboard',
  },
  {
    kind: 'event',
    id: 'ReimportCalendarFeeds',
    entry: 'functions/notifications/reimportCalendarFeeds.ts',
    handler: 'handler',
    // 05:00 UTC (05:00 or 06:00 in London): the calendar is current before the morning's e-mails go.
    trigger: { type: 'schedule', expression: 'cron(0 5 * * ? *)' },
    permissions: { table: 'readwrite', stateMachine: ['callback'], sendEmail: true },
    description: "Every morning, re-imports each body's published calendar feed (if it names one); moves and cancellations carry their runs",
    sizing: { timeoutSeconds: 300 },
  },
];
