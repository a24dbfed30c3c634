import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { HandlerFunction } from './handlerFunctions';
import { filterPatternOf, logMetrics, metricsNamespace } from './logMetrics';

export interface MonitoringProps {
  functions: HandlerFunction[];
  stateMachine: sfn.StateMachine;
  api: apigwv2.HttpApi;
  deadLetterQueue: sqs.IQueue;
  key: kms.IKey;
  alarmEmail?: string;
}

const fiveMinutes = Duration.minutes(5);

/**
 * What operators watch, in a nested stack of its own: an alarm and a dashboard line per function would otherwise
 * take the Ratify stack past CloudFormation's 500 resources (DESIGN.md "Resource budget"). What it reads of the
 * parent (function names, log groups, the state machine, the API, the queue, the key) CloudFormation passes in
 * as the nested stack's parameters; the alarm topic comes back as its output.
 *
 * What operators watch: metric filters turning the handlers' `metric` log lines into CloudWatch metrics, alarms
 * (failed or timed-out runs, Lambda errors, dead letters, API server errors, SES bounce rate) sent to one
 * encrypted SNS topic, and one dashboard with runs, sign-offs, e-mails, Lambda errors and durations.
 */
export class Monitoring extends NestedStack {
  readonly alarmTopic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id, { description: 'Ratify: alarms, metric filters and the operations dashboard' });
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Ratify alarms', masterKey: props.key, enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.addMetricFilters(props.functions);
    const metric = (name: string, statistic = 'Sum') =>
      new cloudwatch.Metric({ namespace: metricsNamespace, metricName: name, statistic, period: fiveMinutes });
    const states = (metricName: string) =>
      props.stateMachine.metric(metricName, { statistic: 'Sum', period: fiveMinutes });

    this.alarm('RunsFailed', states('ExecutionsFailed'), 'A run failed: its execution ended in error.');
    this.alarm('RunsTimedOut', states('ExecutionsTimedOut'), 'A run timed out (a Standard execution ran for a year).');
    this.alarm('DeadLetters', props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }), 'An asynchronous invocation failed after its retries: see the dead-letter queue.');
    const api5xx = new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensionsMap: { ApiId: props.api.apiId },
      statistic: 'Sum',
      period: fiveMinutes,
    });
    this.alarm('ApiServerErrors', api5xx, 'The API answered 5xx at least five times in five minutes.', 5);
    const bounceRate = new cloudwatch.Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.BounceRate',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    this.alarm('SesBounceRate', bounceRate, 'The account bounce rate passed 5%: SES reviews accounts above 5% and may pause sending at 10%.', 0.05, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD);
    for (const { def, fn } of props.functions) {
      this.alarm(`${def.id}Errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${def.id} threw an error.`);
    }

    const perFunction = (f: (h: HandlerFunction) => cloudwatch.IMetric) => props.functions.map(f);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      // Named after the parent stack: a nested stack's own name is generated.
      dashboardName: `${Stack.of(scope).stackName}-operations`,
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Runs started, finished and failed',
            width: 12,
            left: [
              states('ExecutionsStarted').with({ label: 'started' }),
              states('ExecutionsSucceeded').with({ label: 'finished' }),
              states('ExecutionsFailed').with({ label: 'failed' }),
              states('ExecutionsTimedOut').with({ label: 'timed out' }),
              states('ExecutionsAborted').with({ label: 'withdrawn (stopped)' }),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Sign-offs open and overdue',
            width: 12,
            left: [metric('OpenSignoffs', 'Maximum').with({ label: 'open' }), metric('OverdueSignoffs', 'Maximum').with({ label: 'overdue' })],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'E-mails sent and bounced',
            width: 12,
            left: [
              metric('EmailsSent').with({ label: 'sent' }),
              metric('EmailsBounced').with({ label: 'bounced (permanent)' }),
              metric('EmailsSoftBounced').with({ label: 'bounced (transient)' }),
              metric('EmailsComplained').with({ label: 'complaints' }),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            width: 12,
            left: ['Count', '4xx', '5xx'].map(
              (m) => new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName: m, dimensionsMap: { ApiId: props.api.apiId }, statistic: 'Sum', period: fiveMinutes }),
            ),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Lambda errors',
            width: 12,
            left: perFunction(({ def, fn }) => fn.metricErrors({ period: fiveMinutes, statistic: 'Sum', label: def.id })),
            legendPosition: cloudwatch.LegendPosition.RIGHT,
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda duration (p95, ms)',
            width: 12,
            left: perFunction(({ def, fn }) => fn.metricDuration({ period: fiveMinutes, statistic: 'p95', label: def.id })),
            legendPosition: cloudwatch.LegendPosition.RIGHT,
          }),
        ],
        [
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: this.alarms }),
        ],
      ],
    });
  }

  private alarm(
    id: string,
    metric: cloudwatch.IMetric,
    description: string,
    threshold = 1,
    comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Ratify: ${description}`,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }

  private addMetricFilters(functions: HandlerFunction[]): void {
    for (const { def, logGroup } of functions) {
      for (const m of logMetrics.filter((lm) => lm.emittedBy(def))) {
        new logs.MetricFilter(this, `${def.id}${m.name}`, {
          logGroup,
          filterPattern: logs.FilterPattern.literal(filterPatternOf(m)),
          metricNamespace: metricsNamespace,
          metricName: m.name,
          metricValue: m.value,
          unit: cloudwatch.Unit.COUNT,
        });
      }
    }
  }
}
