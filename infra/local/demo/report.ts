/** What `npm run demo` prints: each run it loaded, how far along it is, and where to look. */
import type { DemoReport, LoadedRun } from './loadDemo';

export interface WhereToLook {
  /** The SES inbox viewer, known when the demo started the stack itself. */
  inboxViewer?: string;
}

function describeRun({ plan, runId, created, run }: LoadedRun, url: string): string[] {
  const current = run.stages.find((s: any) => s.id === run.currentStage);
  const where =
    run.status === 'running' && current ? `running, at the ${current.body} on ${current.meetingDate} (publish by ${current.publishBy})` : run.status;
  const decided = run.stages.flatMap((s: any) => s.decisions.map((d: any) => `${s.body}: ${d.outcome}`));
  const signoffs = run.signoffs.map((s: any) => `${s.area} ${s.status}${s.status === 'requested' ? ` (due ${s.dueBy})` : ''}`);
  return [
    `${plan.council}: ${plan.plan.title}  [${created ? 'created' : 'already there'}]`,
    `  ${plan.scene.shows}`,
    `  Status      ${where}`,
    `  Meetings    ${run.stages.map((s: any) => `${s.body} ${s.meetingDate}`).join('; ')}`,
    `  Sign-offs   ${signoffs.join('; ') || 'none'}`,
    ...(decided.length ? [`  Decisions   ${decided.join('; ')}`] : []),
    `  Page        ${url}/runs/${runId}`,
    `  API         ${url}/api/runs/${runId}`,
  ];
}

export function formatReport(report: DemoReport, where: WhereToLook = {}): string {
  const { url } = report;
  const clerk = report.runs[0]?.plan.clerk;
  return [
    '',
    `Ratify demo: ${report.runs.length} plans in ${url} (${report.clock.kind} clock, today ${report.today})`,
    '',
    ...report.runs.flatMap((r) => [...describeRun(r, url), '']),
    'Where to look',
    `  Dashboard       ${url}/`,
    `  E-mails sent    ${url}/_local/emails  (${report.emails} so far)`,
    ...(where.inboxViewer ? [`  Inbox viewer    ${where.inboxViewer}`] : []),
    `  Sign in (dev)   ${url}/dev/login${clerk ? `  (e.g. ${clerk.email}, clerk)` : ''}`,
    `  API as a clerk  curl -H "Authorization: Bearer ${report.clerkToken}" ${url}/api/runs`,
    '',
  ].join('\n');
}
