import { existsSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { functionDefs } from '../../../infra/definitions/functions';
import { approvalDefinitionPath } from '../../../infra/definitions/stateMachine';
import { readDeployConfig } from '../../../infra/stack/config';
import { RatifyStack } from '../../../infra/stack/ratifyStack';
import { fixtureConfig, testApp } from './support/fixtures';
import { actionsThatRequireStar, iamStatements, logicalIdOf, nagFindings, resourcesOf } from './support/template';

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

  it("keeps each stack within CloudFormation's 500 resources, the monitoring in a nested stack of its own", () => {
    const count = (t: Template) => Object.keys(t.toJSON().Resources).length;
    const monitoring = Template.fromStack(stack.monitoring);
    expect(count(template)).toBeLessThanOrEqual(500);
    expect(count(monitoring)).toBeLessThanOrEqual(500);
    expect(Object.keys(monitoring.findResources('AWS::CloudWatch::Alarm')).length).toBeGreaterThan(deployed.length);
  });

  it('grants "*" resources only for actions AWS offers no narrower resource for', () => {
    for (const s of iamStatements(template).filter((st) => st.effect === 'Allow' && st.resources.includes('*'))) {
      expect(s.actions.filter((a) => !actionsThatRequireStar.has(a))).toEqual([]);
    }
  });

  describe("the council calendar's functions", () => {
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const route = (key: string) => routes.find((r) => r.RouteKey === key);
    const actionsOf = (id: string) => {
      const roleId = logicalIdOf(stack, stack.handlers.byId(id).role).replace(/[A-F0-9]{8}$/, '');
      return new Set(iamStatements(template).filter((st) => st.policy.startsWith(roleId)).flatMap((st) => st.actions));
    };
    const reads = ['ListBodies', 'GetBody', 'ListMeetings', 'GetMeeting', 'ProposePlan', 'BodyCalendarFeed', 'PersonCalendarFeed', 'RunTimetable'];

    it('serve their routes, signed in but for the feeds a calendar program opens', () => {
      for (const key of [
        'PUT /api/bodies/{bodyId}',
        'GET /api/bodies',
        'GET /api/bodies/{bodyId}',
        'POST /api/meetings',
        'GET /api/meetings',
        'GET /api/meetings/{meetingId}',
        'PATCH /api/meetings/{meetingId}',
        'POST /api/meetings/import',
        'POST /api/plans/propose',
        'GET /api/me/calendar-feed',
        'DELETE /api/me/calendar-feed',
        'GET /api/runs/{runId}/timetable.ics',
      ]) {
        expect(route(key)).toMatchObject({ AuthorizationType: 'JWT' });
      }
      expect(route('GET /calendar/bodies/{bodyFile}')).toMatchObject({ AuthorizationType: 'NONE' });
      expect(route('GET /calendar/feeds/{feedFile}')).toMatchObject({ AuthorizationType: 'NONE' });
    });

    it('get only what they use: reads read, the meeting changes e-mail and wake runs, the feed address signs', () => {
      for (const id of reads) {
        const actions = actionsOf(id);
        expect(actions).toContain('dynamodb:Query');
        for (const never of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'ses:SendEmail', 'states:SendTaskSuccess', 'secretsmanager:GetSecretValue']) {
          expect(actions).not.toContain(never);
        }
      }
      for (const id of ['PutBody', 'CreateMeeting']) {
        expect(actionsOf(id)).toContain('dynamodb:PutItem');
        expect(actionsOf(id)).not.toContain('ses:SendEmail');
        expect(actionsOf(id)).not.toContain('states:SendTaskSuccess');
      }
      for (const id of ['ChangeMeeting', 'ImportMeetings']) {
        const actions = actionsOf(id);
        for (const needed of ['dynamodb:UpdateItem', 'ses:SendEmail', 'states:SendTaskSuccess']) expect(actions).toContain(needed);
        for (const never of ['states:StartExecution', 'states:StopExecution', 'secretsmanager:GetSecretValue']) expect(actions).not.toContain(never);
      }
      expect(actionsOf('MyCalendarFeed')).toContain('secretsmanager:GetSecretValue');
      expect(actionsOf('MyCalendarFeed')).not.toContain('ses:SendEmail');
    });
  });

  it('passes cdk-nag AWS Solutions checks', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});
