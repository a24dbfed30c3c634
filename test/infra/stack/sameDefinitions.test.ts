import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { functionDefs, localFunctionArn } from '../../../infra/definitions/functions';
import { approvalDefinitionPath, readApprovalDefinition, substituteDefinition } from '../../../infra/definitions/stateMachine';
import { ratifyTable } from '../../../infra/definitions/table';
import { localApprovalDefinition } from '../../../infra/local/approvalStateMachine';
import { createTableInput } from '../../../infra/local/dynamo';
import { readDeployConfig } from '../../../infra/stack/config';
import { RatifyStack, repoRoot } from '../../../infra/stack/ratifyStack';
import { fixtureConfig, fixtureDefinition, fixtureFunctions, testApp } from './support/fixtures';
import { logicalIdOf, resourcesOf } from './support/template';

// The embedded local stack and the CDK stack must read one table, one index list and one state machine.
const config = readDeployConfig((k) => fixtureConfig[k as keyof typeof fixtureConfig]);
const hasApprovalDefinition = existsSync(approvalDefinitionPath);

describe('the table', () => {
  // Default table (the shared definition); fixture functions so this does not wait for the handlers.
  const stack = new RatifyStack(testApp(), 'SameTable', { config, functions: fixtureFunctions, definition: fixtureDefinition });
  const table = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::DynamoDB::Table'))[0].Properties;
  const local = createTableInput(ratifyTable);
  const byName = <T extends { AttributeName?: string; IndexName?: string }>(xs: T[] = []) =>
    [...xs].sort((a, b) => String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)));

  it('has the keys and attributes the local stack creates its table with', () => {
    expect(table.KeySchema).toEqual(local.KeySchema);
    expect(byName(table.AttributeDefinitions)).toEqual(byName(local.AttributeDefinitions));
  });

  it('has the indexes the local stack creates, with the same keys and projection', () => {
    expect(byName(table.GlobalSecondaryIndexes)).toEqual(byName(local.GlobalSecondaryIndexes));
  });

  it('expires short-lived items by the attribute the definition names', () => {
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: ratifyTable.timeToLiveAttribute, Enabled: true });
  });
});

(hasApprovalDefinition ? describe : describe.skip)('the approval state machine (workflows/approval.asl.json)', () => {
  const build = () => new RatifyStack(testApp(), 'SameMachine', { config });

  it('is deployed from the very text of the file, with every workflow function of the list substituted', () => {
    const stack = build();
    const machine = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::StepFunctions::StateMachine'))[0].Properties;
    expect(machine.DefinitionString).toBe(readApprovalDefinition());

    // Map each CloudFormation substitution to the local ARN of the function it points at: the result must be
    // exactly what the local stack deploys to its engine.
    const localArnByLogicalId = new Map(stack.handlers.functions.map((h) => [logicalIdOf(stack, h.fn), localFunctionArn(h.def.id)]));
    const substitutions = Object.fromEntries(
      Object.entries(machine.DefinitionSubstitutions as Record<string, { 'Fn::GetAtt': [string, string] }>).map(([name, ref]) => [
        name,
        localArnByLogicalId.get(ref['Fn::GetAtt'][0])!,
      ]),
    );
    expect(substituteDefinition(machine.DefinitionString, substitutions)).toBe(localApprovalDefinition(functionDefs));
  });
});

describe('one source, no copies', () => {
  const source = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
  const filesUnder = (dir: string): string[] =>
    readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : [relative(repoRoot, join(repoRoot, dir, e.name))],
    );

  it('has both stacks import the table and the definition from infra/definitions', () => {
    expect(source('infra/local/dynamo.ts')).toMatch(/from '\.\.\/definitions\/table'/);
    expect(source('infra/local/approvalStateMachine.ts')).toMatch(/from '\.\.\/definitions\/stateMachine'/);
    expect(source('infra/stack/ratifyStack.ts')).toMatch(/from '\.\.\/definitions\/table'/);
    expect(source('infra/stack/ratifyStack.ts')).toMatch(/from '\.\.\/definitions\/stateMachine'/);
  });

  it('names no key attribute or index outside the table definition', () => {
    const names = [ratifyTable.partitionKey, ratifyTable.sortKey, ...ratifyTable.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]
      .map((k) => k.name)
      .concat(ratifyTable.globalSecondaryIndexes.map((i) => i.indexName));
    const offenders = [...filesUnder('infra/local'), ...filesUnder('infra/stack')]
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => names.some((n) => new RegExp(`['"\`]${n}['"\`]`).test(source(f))));
    expect(offenders).toEqual([]);
  });

  it('keeps the one state machine definition in workflows/ only', () => {
    const aslFiles = [...filesUnder('workflows'), ...filesUnder('infra')].filter((f) => f.endsWith('.asl.json'));
    expect(aslFiles.filter((f) => f !== 'workflows/approval.asl.json')).toEqual([]);
  });
});
