import { existsSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { functionDefs } from '../../../infra/definitions/functions';
import { approvalDefinitionPath } from '../../../infra/definitions/stateMachine';
import { readDeployConfig } from '../../../infra/stack/config';
import { RatifyStack } from '../../../infra/stack/ratifyStack';
import { fixtureConfig, testApp } from './support/fixtures';
import { actionsThatRequireStar, iamStatements, nagFindings, resourcesOf } from './support/template';

// The stack `cdk synth` builds: the real functions list, table and workflows/approval.asl.json.
(existsSync(approvalDefinitionPath) ? describe : describe.skip)('the stack of the real definitions', () => {
  const app = testApp();
  const stack = new RatifyStack(app, 'Ratify', { config: readDeployConfig((k) => fixtureConfig[k as keyof typeof fixtureConfig]) });
  const template = Template.fromStack(stack);
  const deployed = functionDefs.filter((d) => !(d.kind === 'api' && d.localOnly));

  it('deploys one function per entry of the functions list, and every API route', () => {
    template.resourceCountIs('AWS::Lambda::Function', deployed.length);
    const routeKeys = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(deployed.flatMap((d) => (d.kind === 'api' ? d.routes : [])).sort());
  });

  it('grants "*" resources only for actions AWS offers no narrower resource for', () => {
    for (const s of iamStatements(template).filter((st) => st.effect === 'Allow' && st.resources.includes('*'))) {
      expect(s.actions.filter((a) => !actionsThatRequireStar.has(a))).toEqual([]);
    }
  });

  it('passes cdk-nag AWS Solutions checks', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});
