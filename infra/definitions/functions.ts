/**
 * Every Lambda function of Ratify, described once. The CDK stack makes one NodejsFunction (and one role) per
 * entry; the embedded local stack imports the same modules and calls them in-process.
 *
 * - workflow functions are invoked by the state machine; `substitution` is the `${...}` name in
 *   workflows/approval.asl.json that receives the function's ARN.
 * - api functions serve the HTTP routes listed in `routes` (API Gateway v2 route keys, `{param}` style).
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

export interface WorkflowFunctionDef {
  kind: 'workflow';
  id: string;
  /** Path from the repository root, e.g. functions/workflow/reconcileRun.ts */
  entry: string;
  handler: string;
  substitution: string;
  permissions: FunctionPermissions;
  description: string;
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
}

export type FunctionDef = WorkflowFunctionDef | ApiFunctionDef;

/** Local ARN of a function: what the embedded stack substitutes into the definition. */
export function localFunctionArn(id: string, region = 'eu-west-2', account = '000000000000'): string {
  return `arn:aws:lambda:${region}:${account}:function:ratify-${id}`;
}

export const functionDefs: FunctionDef[] = [
  // Filled in as handlers are written; keep ids PascalCase and unique.
];
