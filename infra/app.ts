import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeployConfig, type DeployConfig } from './stack/config';
import { RatifyStack } from './stack/ratifyStack';

/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` (see README "Deploying to AWS"). Settings come from CDK
 * context (cdk.json, or `-c key=value`); the account and region from the usual AWS environment when deploying
 * (synth needs neither). cdk-nag's AWS Solutions checks run on every synth: an unacknowledged finding stops it.
 */
const app = new App();

let config: DeployConfig;
try {
  config = readDeployConfig((key) => app.node.tryGetContext(key));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const stack = new RatifyStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? 'Ratify', {
  config,
  description: "Ratify: councils' policy plans through their approval timetable",
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  terminationProtection: true,
});
if (/(^|\.)example\.[a-z.]+$/.test(config.senderDomain)) {
  Annotations.of(stack).addWarningV2(
    'ratify:exampleSender',
    `senderDomain is still the example ${config.senderDomain}: set -c senderAddress=... -c senderDomain=... (or edit cdk.json) before deploying`,
  );
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
