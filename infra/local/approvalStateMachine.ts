import { existsSync } from 'node:fs';
import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { functionDefs, localFunctionArn, type FunctionDef } from '../definitions/functions';
import { approvalDefinitionPath, readApprovalDefinition, substituteDefinition } from '../definitions/stateMachine';
import { dummyCredentials, LOCAL_ACCOUNT, LOCAL_REGION } from './net';
import { stateMachineArn } from './sfn/engine/arns';

export const APPROVAL_STATE_MACHINE = 'ratify-approval';
export const LOCAL_STATE_MACHINE_ROLE = `arn:aws:iam::${LOCAL_ACCOUNT}:role/ratify-local-state-machine`;

export function approvalStateMachineArn(): string {
  return stateMachineArn({ region: LOCAL_REGION, accountId: LOCAL_ACCOUNT }, APPROVAL_STATE_MACHINE);
}

/** The approval definition with every workflow function's local ARN substituted. */
export function localApprovalDefinition(defs: FunctionDef[] = functionDefs): string {
  const substitutions: Record<string, string> = {};
  for (const def of defs) if (def.kind === 'workflow') substitutions[def.substitution] = localFunctionArn(def.id);
  return substituteDefinition(readApprovalDefinition(), substitutions);
}

/**
 * Creates or updates `ratify-approval` through the engine's Step Functions API (the path the SDK takes on AWS).
 * Returns its ARN, or undefined when workflows/approval.asl.json does not exist yet.
 */
export async function deployApprovalStateMachine(endpoint: string, defs: FunctionDef[] = functionDefs): Promise<string | undefined> {
  if (!existsSync(approvalDefinitionPath)) return undefined;
  const definition = localApprovalDefinition(defs);
  const sfn = new SFNClient({ endpoint, region: LOCAL_REGION, credentials: dummyCredentials });
  try {
    let existing: string | undefined;
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ nextToken }));
      existing = page.stateMachines?.find((m) => m.name === APPROVAL_STATE_MACHINE)?.stateMachineArn;
      nextToken = page.nextToken;
    } while (!existing && nextToken);
    if (existing) {
      await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: existing, definition, roleArn: LOCAL_STATE_MACHINE_ROLE }));
      return existing;
    }
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: APPROVAL_STATE_MACHINE, definition, roleArn: LOCAL_STATE_MACHINE_ROLE, type: 'STANDARD' }),
    );
    return created.stateMachineArn;
  } finally {
    sfn.destroy();
  }
}
