// What operators are told about: six alarms on one topic, aggregated to read as few alarm metrics as tell them apart.
import { ArnFormat, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { subscriptionQueueSource } from './wiring.ts';

/** A metric math alarm may read at most 10 metrics. */
const maxMetricsPerAlarm = 10;
const period = Duration.minutes(5);

/**
 * What functions/alerts/delivery-handler.ts logs (Powertools JSON) each time a webhook refuses an alert; at the last
 * attempt SQS then moves the alert to the subscription's dead-letter queue.
 */
export const webhookFailureLog = { message: 'webhook delivery failed', attemptField: 'attempt' } as const;

export interface OperationsAlarmsProps {
  /** The failure queue of each function that has one, by function name. */
  failureQueues: ReadonlyMap<string, IQueue>;
  /** The functions behind table-stream sources, by name. */
  streamConsumers: Record<string, IFunction>;
  /** The function that drains the per-subscription webhook queues: its log says when an alert is dead-lettered. */
  webhookDelivery: LambdaFunction;
  api: HttpApi;
  /** An address to subscribe to the ops topic (-c opsEmail=...); operators may also subscribe themselves. */
  opsEmail?: string | undefined;
}

/**
 * One SNS topic and six alarms on it. Every alarm treats missing data as not breaching: idle metrics send nothing, and
 * an idle registry neither costs nor alarms. Periods are 5 minutes; see the README's Runbook for what each one means.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.topic = new Topic(this, 'OpsAlarms', {
      displayName: 'Stolen object registry: operations alarms',
      enforceSSL: true,
    });
    // CloudWatch cannot publish to a topic encrypted with the AWS-managed key (its key policy does not let CloudWatch
    // use it), and a customer-managed key costs US$1 a month, a fifth of the registry's budget.
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications (alarm name, state and metric value, no registry data) go through this topic; CloudWatch cannot publish to a topic encrypted with the AWS-managed key, and a customer-managed key costs US$1 a month.',
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
    if (props.opsEmail) this.topic.addSubscription(new EmailSubscription(props.opsEmail));
    new CfnOutput(stack, 'OpsAlarmsTopicArn', { value: this.topic.topicArn, description: 'Subscribe to be told when an alarm goes off (README: Runbook)' });

    const failureQueues = [...props.failureQueues.entries()];
    this.add('FailedEventsWaiting', {
      description:
        'An upload, scheduled run, market feed run, lot from a feed or table-stream record failed every attempt and waits in a function failure queue (14 days). Runbook: "Failed events waiting".',
      metric: combined(
        'Messages waiting in the failure queues',
        'SUM',
        failureQueues.map(([name, queue]) => [name, queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period })]),
      ),
      threshold: 1,
      // A failure queue is never drained by itself: three periods in a row keep a briefly visible message quiet.
      evaluationPeriods: 3,
    });

    const { maxAttempts } = subscriptionQueueSource();
    const deadLettered = new MetricFilter(this, 'WebhookDeadLetters', {
      logGroup: props.webhookDelivery.logGroup,
      metricNamespace: 'StolenObjectRegistry',
      metricName: 'WebhookAlertsDeadLettered',
      // The last attempt: SQS moves the alert to the subscription's dead letters right after it.
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.message', '=', webhookFailureLog.message),
        FilterPattern.numberValue(`$.${webhookFailureLog.attemptField}`, '>=', maxAttempts),
      ),
      metricValue: '1',
    });
    this.add('WebhookAlertsDeadLettered', {
      description: `A partner's webhook refused an alert ${maxAttempts} times; it waits in the subscription's dead letters (GET /v1/admin/dead-letters). Runbook: "Webhook alerts dead-lettered".`,
      metric: deadLettered.metric({ statistic: Stats.SUM, period }),
      threshold: 1,
      evaluationPeriods: 1,
    });

    // The registry has more functions than one metric math alarm may read: Lambda's account-wide metric counts them all.
    this.add('FunctionErrors', {
      description: 'Lambda invocations in this account and region failed: an uncaught error, a timeout or running out of memory (an API 500 is a handled answer: see ApiServerErrors). Runbook: "Function errors".',
      metric: LambdaFunction.metricAllErrors({ statistic: Stats.SUM, period }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    this.add('FunctionsThrottled', {
      description: "Lambda turned invocations away: the account's concurrency ran out. Runbook: \"Functions throttled\".",
      metric: LambdaFunction.metricAllThrottles({ statistic: Stats.SUM, period }),
      threshold: 1,
      evaluationPeriods: 1,
    });

    this.add('StreamProcessingBehind', {
      description:
        'The oldest table-stream record not yet processed by matching or alert publishing is over 5 minutes old; records are lost after 24 hours. Runbook: "Stream processing behind".',
      metric: combined(
        'Age of the oldest stream record (ms)',
        'MAX',
        Object.entries(props.streamConsumers).map(([name, fn]) => [name, fn.metric('IteratorAge', { statistic: Stats.MAXIMUM, period })]),
      ),
      threshold: Duration.minutes(5).toMilliseconds(),
      evaluationPeriods: 3,
    });

    this.add('ApiServerErrors', {
      description: 'The HTTP API answered callers with 5xx: an unexpected error (a 500 with a correlation id), or a function that crashed, timed out or was throttled. Runbook: "API server errors".',
      metric: props.api.metricServerError({ statistic: Stats.SUM, period }),
      threshold: 1,
      evaluationPeriods: 1,
    });
  }

  private add(
    id: string,
    options: { description: string; metric: IMetric; threshold: number; evaluationPeriods: number },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

/** One series from several: SUM or MAX of the metrics at each period, each named by its function. */
function combined(label: string, fn: 'SUM' | 'MAX', metrics: [string, IMetric][]): MathExpression {
  if (metrics.length === 0) throw new Error(`No metrics for the alarm '${label}'`);
  if (metrics.length > maxMetricsPerAlarm) {
    throw new Error(`'${label}' reads ${metrics.length} metrics; a metric math alarm may read ${maxMetricsPerAlarm}: split it`);
  }
  return new MathExpression({
    label,
    expression: `${fn}([${metrics.map(([name]) => name).join(', ')}])`,
    usingMetrics: Object.fromEntries(metrics),
    period,
  });
}
