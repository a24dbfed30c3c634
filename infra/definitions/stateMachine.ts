import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of the one approval state machine; CDK and the local engine both load this file. */
export const approvalDefinitionPath = join(__dirname, '..', '..', 'workflows', 'approval.asl.json');

export function readApprovalDefinition(): string {
  return readFileSync(approvalDefinitionPath, 'utf8');
}

/**
 * Replaces `${Name}` placeholders the way Step Functions' definitionSubstitutions do. Used by the local stack;
 * CDK passes the same map to CloudFormation instead. Unknown placeholders are an error, not a silent blank.
 */
export function substituteDefinition(definition: string, substitutions: Record<string, string>): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`No substitution for \${${name}} in the state machine definition`);
    return value;
  });
}
