// The local runtime's own AWS pieces on the running stack: table TTL, and the Lambda API served beside the HTTP API.
import { randomUUID } from 'node:crypto';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { table } from '../../infra/resources.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';
const lambda = new LambdaClient({ endpoint: inject('apiUrl'), region, credentials });
const sqs = new SQSClient({ endpoint: inject('awsEndpoint'), region, credentials });
const dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region, credentials });

afterAll(() => {
  for (const client of [lambda, sqs, dynamo]) client.destroy();
});

describe('the local runtime', () => {
  it('expires table items by their time-to-live attribute', async () => {
    // Act
    const { TimeToLiveDescription: ttl } = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: table.localName }));
    // Assert
    expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: table.ttlAttribute });
  });

  it("serves Lambda's event source mappings on the API's own address, for functions to call", async () => {
    // Arrange
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: `local-runtime-${randomUUID()}` }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }));
    const queueArn = Attributes?.QueueArn ?? '';
    try {
      // Act
      const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'alertDelivery', EventSourceArn: queueArn, BatchSize: 5 }));
      const read = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
      // Assert
      expect(read).toMatchObject({ UUID: created.UUID, EventSourceArn: queueArn, BatchSize: 5, State: 'Enabled' });
      await expect(lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'noSuchFunction', EventSourceArn: queueArn }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
    } finally {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queue.QueueUrl }));
    }
  });
});
