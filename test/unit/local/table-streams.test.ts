import { describe, expect, it } from 'vitest';
import { deliverBatch, type StreamRecord } from '../../../scripts/local/table-streams.ts';

const records = ['1', '2', '3', '4'].map((sequence) => ({ eventSourceARN: 'arn:stream', dynamodb: { SequenceNumber: sequence } }) as StreamRecord);
const sequences = (event: unknown) => (event as { Records: StreamRecord[] }).Records.map((record) => record.dynamodb?.SequenceNumber);

describe('the local table-stream delivery', () => {
  it('resends from the first record a function reports as failed, as Lambda does with partial batch responses', async () => {
    // Arrange
    const seen: (string | undefined)[][] = [];
    let calls = 0;
    const invoke = async (_fn: string, event: unknown) => {
      seen.push(sequences(event));
      return ++calls === 1 ? { batchItemFailures: [{ itemIdentifier: '3' }] } : { batchItemFailures: [] };
    };
    // Act
    await deliverBatch({ fn: 'matcher', maxAttempts: 3 }, records, invoke, async () => undefined, () => undefined);
    // Assert
    expect(seen).toEqual([['1', '2', '3', '4'], ['3', '4']]);
  });

  it('dead-letters what still fails after the last attempt, and nothing else', async () => {
    // Arrange
    const letters: Record<string, unknown>[] = [];
    const invoke = async () => {
      throw new Error('matcher crashed');
    };
    // Act
    await deliverBatch({ fn: 'matcher', maxAttempts: 3 }, records.slice(2), invoke, async (_fn, failure) => void letters.push(failure), () => undefined);
    // Assert
    expect(letters).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 }),
        DDBStreamBatchInfo: expect.objectContaining({ startSequenceNumber: '3', endSequenceNumber: '4', batchSize: 2 }),
      }),
    ]);
  });
});
