import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { installClock, resetClock } from '../../functions/platform/clock';
import { resetClients } from '../../functions/platform/aws';
import { DEFAULT_ROLES_CLAIM } from '../../functions/edge/auth';
import { functionDefs, type ApiFunctionDef } from '../definitions/functions';
import { approvalStateMachineArn, deployApprovalStateMachine } from './approvalStateMachine';
import { realClock, virtualClock, type StackClock } from './clock';
import { startLocalDynamo } from './dynamo';
import { startStepFunctionsEngine, type LocalStepFunctions } from './sfn';
import { signingKey, TOKEN_AUDIENCE, TOKEN_ISSUER } from './gateway/auth';
import { startGateway, type ApiLambda } from './gateway/server';
import { localSignIn, SIGN_IN_PATH, SIGN_OUT_PATH } from './gateway/localSignIn';
import { apiFunctions, lazyHandler, workflowLambdaResolver } from './lambdas';
import { dummyCredentials, freePort, LOCAL_ACCOUNT, LOCAL_REGION } from './net';
import { loadOrCreateSecrets } from './secrets';
import { startLocalSes } from './ses';
import { lambdaContext } from './lambdaContext';

export interface LocalStackOptions {
  dataDir: string;
  /** The gateway; 0 or undefined = any free port. */
  port?: number;
  clock?: 'real' | 'virtual';
  /** The virtual clock's first instant, for a new data directory (ISO 8601). */
  clockStart?: string;
  devAuth?: boolean;
  dynamodbPort?: number;
  sesPort?: number;
  sfnPort?: number;
  /** No banner or warnings on the console (tests). */
  quiet?: boolean;
  /** From address of e-mails; default RATIFY_SENDER or no-reply@ratify.localhost */
  sender?: string;
  /** The local administrator the start-up sign-in address signs in (default admin@ratify.localhost). */
  admin?: { email: string; name?: string };
}

export interface LocalStack {
  /** The gateway: API, pages, local endpoints. */
  url: string;
  inboxUrl: string;
  dataDir: string;
  ports: { gateway: number; dynamodb: number; ses: number; sfn: number };
  clock: StackClock;
  engine: LocalStepFunctions;
  /** Set when workflows/approval.asl.json exists and was deployed. */
  stateMachineArn: string | undefined;
  /** The environment the handlers run with. */
  env: Record<string, string>;
  /** The local administrator's one-time sign-in address made at start (the banner prints it; 24 hours). */
  adminSignInUrl: string;
  /** Another one-time sign-in address for the local administrator. */
  issueAdminSignInUrl(): Promise<string>;
  stop(): Promise<void>;
}

const ROLES_CLAIM = DEFAULT_ROLES_CLAIM;

/**
 * The embedded stack: local DynamoDB, SES and Step Functions APIs, the gateway, and the environment for the
 * handlers, all persisted under one data directory. The handlers share this process (and its environment), so
 * run one stack per process at a time.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const dataDir = resolve(opts.dataDir);
  const isNewDataDir = await isMissingOrEmpty(dataDir);
  await mkdir(dataDir, { recursive: true });
  const say = (line: string) => {
    if (!opts.quiet) console.log(line);
  };
  const warn = (line: string) => {
    if (!opts.quiet) console.warn(line);
  };

  const clock = opts.clock === 'virtual' ? virtualClock(dataDir, startInstant(opts.clockStart, isNewDataDir)) : realClock();
  const secrets = loadOrCreateSecrets(dataDir);
  const previousEnv = { ...process.env };
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error('stopping the local stack:', err));
    stops.length = 0;
    restoreEnv(previousEnv);
    resetClock();
    resetClients();
  };

  try {
    installClock(clock);
    const dynamo = await startLocalDynamo({ dir: join(dataDir, 'dynamodb'), port: opts.dynamodbPort });
    stops.push(() => dynamo.close());
    const ses = await startLocalSes({ dir: join(dataDir, 'ses'), port: opts.sesPort, clock });
    stops.push(() => ses.close());
    const sfnPort = opts.sfnPort || (await freePort());
    const sfnUrl = `http://127.0.0.1:${sfnPort}`;

    let engine: LocalStepFunctions | undefined;
    const handlers = new Map<string, ApiLambda>();
    const loadHandler = (def: ApiFunctionDef): ApiLambda => {
      let handler = handlers.get(def.id);
      if (!handler) handlers.set(def.id, (handler = lazyHandler(def) as ApiLambda));
      return handler;
    };
    const probes = healthProbes(dynamo.url, dynamo.tableName, sfnUrl);
    stops.push(async () => probes.close());
    let gatewayUrl = '';
    const signIn = localSignIn({
      jwtKey: signingKey(secrets.jwtKey),
      rolesClaim: ROLES_CLAIM,
      clock,
      linkSecret: secrets.linkSecret,
      publicUrl: () => gatewayUrl,
      admin: opts.admin ? { email: opts.admin.email, name: opts.admin.name ?? '' } : undefined,
      onError: (err, where) => console.error(`[local sign-in] ${where}:`, err),
    });

    const gateway = await startGateway({
      port: opts.port,
      functions: apiFunctions(),
      loadHandler,
      jwtKey: signingKey(secrets.jwtKey),
      rolesClaim: ROLES_CLAIM,
      devAuth: opts.devAuth ?? false,
      clock,
      advanceClock: async (instant) => {
        if (!engine) throw new Error('The Step Functions engine is still starting');
        await engine.advanceTo(instant);
      },
      localSignIn: signIn,
      runSchedule: (id) => {
        const def = functionDefs.find((d) => d.kind === 'event' && d.id === id && d.trigger.type === 'schedule');
        return def && lazyHandler(def)({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }, lambdaContext(def.id, { timeoutSeconds: def.sizing?.timeoutSeconds ?? 60 }));
      },
      emails: async () => (await ses.emails()).map(({ to, cc, subject, text, html, sentAt }) => ({ to, cc, subject, text, html, sentAt })),
      health: async () => ({
        dynamodb: await probes.dynamodb(),
        ses: await ses.healthy(),
        stepFunctions: engine ? await probes.stepFunctions() : false,
      }),
      onError: (err, where) => console.error(`[local gateway] ${where}:`, err),
    });
    stops.push(() => gateway.close());
    gatewayUrl = gateway.url;

    // Set before any handler module loads (they load lazily, on their first call).
    const env: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: dummyCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: dummyCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
      AWS_ENDPOINT_URL_SES: ses.url,
      AWS_ENDPOINT_URL_SFN: sfnUrl,
      RATIFY_TABLE: dynamo.tableName,
      RATIFY_STATE_MACHINE_ARN: approvalStateMachineArn(),
      RATIFY_SENDER: opts.sender ?? process.env.RATIFY_SENDER ?? 'no-reply@ratify.localhost',
      RATIFY_PUBLIC_URL: gateway.url,
      RATIFY_LINK_SECRET: secrets.linkSecret,
      RATIFY_ROLES_CLAIM: ROLES_CLAIM,
      // Pages are public routes that verify the caller themselves (as on AWS): here against the dev tokens.
      RATIFY_AUTH_ISSUER: TOKEN_ISSUER,
      RATIFY_AUTH_CLIENT_ID: TOKEN_AUDIENCE,
      RATIFY_DEV_TOKEN_KEY: secrets.jwtKey,
      // Where pages send a signed-out browser: the dev sign-in when it is on, else the stack's one-time links.
      RATIFY_SIGN_IN_URL: opts.devAuth ? '/dev/login' : SIGN_IN_PATH,
      RATIFY_SIGN_OUT_URL: opts.devAuth ? '/dev/logout' : SIGN_OUT_PATH,
    };
    for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'RATIFY_LINK_SECRET_ARN']) delete process.env[name];
    Object.assign(process.env, env);
    resetClients();

    await mkdir(join(dataDir, 'sfn'), { recursive: true });
    engine = await startStepFunctionsEngine({
      dataDir: join(dataDir, 'sfn'),
      port: sfnPort,
      clock,
      resolveLambda: workflowLambdaResolver(functionDefs),
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
    });
    const started = engine;
    stops.push(async () => {
      // Let in-flight Lambda calls finish before their DynamoDB and SES servers go away (bounded: a real-clock
      // engine is idle between timers, so this returns at once unless work is running).
      await Promise.race([started.waitForIdle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await started.close();
    });

    const stateMachineArn = await deployApprovalStateMachine(sfnUrl, functionDefs);
    if (stateMachineArn) env.RATIFY_STATE_MACHINE_ARN = process.env.RATIFY_STATE_MACHINE_ARN = stateMachineArn;
    else warn('WARNING: workflows/approval.asl.json does not exist yet: no state machine was created.');

    gateway.markReady();
    const adminSignInUrl = await signIn.issueAdminLink();
    say(`Ratify local stack on ${gateway.url} (data in ${dataDir}, ${clock.kind} clock at ${clock.now().toISOString()})`);

    let stopped: Promise<void> | undefined;
    return {
      url: gateway.url,
      inboxUrl: ses.inboxUrl,
      dataDir,
      ports: { gateway: gateway.port, dynamodb: dynamo.port, ses: ses.port, sfn: sfnPort },
      clock,
      engine: started,
      stateMachineArn,
      env,
      adminSignInUrl,
      issueAdminSignInUrl: () => signIn.issueAdminLink(),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Cheap calls that prove each AWS-like API answers. */
function healthProbes(dynamodbUrl: string, tableName: string, sfnUrl: string) {
  const dynamodb = new DynamoDBClient({ endpoint: dynamodbUrl, region: LOCAL_REGION, credentials: dummyCredentials, maxAttempts: 1 });
  const sfn = new SFNClient({ endpoint: sfnUrl, region: LOCAL_REGION, credentials: dummyCredentials, maxAttempts: 1 });
  const answers = (call: () => Promise<unknown>) => call().then(() => true, () => false);
  return {
    dynamodb: () => answers(() => dynamodb.send(new DescribeTableCommand({ TableName: tableName }))),
    stepFunctions: () => answers(() => sfn.send(new ListStateMachinesCommand({ maxResults: 1 }))),
    close: () => {
      dynamodb.destroy();
      sfn.destroy();
    },
  };
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** RATIFY_CLOCK_START only counts for a new data directory; otherwise the kept instant (or now) is used. */
function startInstant(clockStart: string | undefined, isNewDataDir: boolean): Date | undefined {
  if (!clockStart || !isNewDataDir) return undefined;
  const start = new Date(clockStart);
  if (Number.isNaN(start.getTime())) throw new Error(`RATIFY_CLOCK_START is not an instant: ${clockStart}`);
  return start;
}

function restoreEnv(previous: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in previous)) delete process.env[name];
  Object.assign(process.env, previous);
}
