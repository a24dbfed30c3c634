import type { App, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnElement, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const resourcesOf = (template: Template, type: string): Record<string, Json> => template.findResources(type);

export const logicalIdOf = (stack: Stack, construct: IConstruct): string => {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  return stack.getLogicalId(element as CfnElement);
};

/**
 * The only actions a policy of ours may grant on Resource "*", because AWS offers no narrower resource for them:
 * X-Ray (no resource-level permissions) and the CloudWatch Logs delivery actions Step Functions logging uses.
 */
export const actionsThatRequireStar = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

export interface FlatStatement {
  policy: string;
  actions: string[];
  resources: Json[];
  effect: string;
}

/** Every statement of every IAM policy (managed, inline, role inline) in the template. */
export function iamStatements(template: Template): FlatStatement[] {
  const out: FlatStatement[] = [];
  const add = (policy: string, doc: Json) => {
    for (const s of doc?.Statement ?? []) {
      out.push({ policy, effect: s.Effect, actions: [s.Action].flat(), resources: [s.Resource].flat() });
    }
  };
  for (const [id, r] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) add(id, r.Properties.PolicyDocument);
  for (const [id, r] of Object.entries(resourcesOf(template, 'AWS::IAM::ManagedPolicy'))) add(id, r.Properties.PolicyDocument);
  for (const [id, r] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
    for (const p of r.Properties.Policies ?? []) add(`${id}/${p.PolicyName}`, p.PolicyDocument);
  }
  return out;
}

/** cdk-nag's AWS Solutions findings that are not acknowledged, as "rule at path" lines. */
export function nagFindings(app: App): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
}

/** Every acknowledgement recorded in the construct tree: rule id -> reason. */
export function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  const out: Array<{ path: string; id: string; reason: string }> = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) out.push({ path: c.node.path, id, reason });
    }
  }
  return out;
}

/**
 * A nested stack's template, and `fromParent` reading a value of it as the parent sees it: a `{Ref: parameter}`
 * the nested stack was handed becomes what the parent passes for that parameter.
 */
export function nestedTemplate(parent: Template, parentStack: Stack, nested: NestedStack): { template: Template; fromParent(value: Json): Json } {
  const template = Template.fromStack(nested);
  const resource = parent.toJSON().Resources[parentStack.getLogicalId(nested.nestedStackResource as CfnElement)];
  const passed: Record<string, Json> = resource.Properties.Parameters ?? {};
  const fromParent = (value: Json): Json => {
    if (value && typeof value === 'object' && typeof value.Ref === 'string' && value.Ref in passed) return passed[value.Ref];
    return value;
  };
  return { template, fromParent };
}
