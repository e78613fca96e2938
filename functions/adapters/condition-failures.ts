// How DynamoDB says a condition did not hold: a refused single write, or a transaction cancelled for one of its items.
import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from './clients.ts';

/** A single write whose condition failed, or a transaction cancelled because any of its conditions did. */
export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed'));

/** A transaction cancelled because the condition on its item at `index` failed. */
export const conditionFailedAt = (error: unknown, index: number) =>
  error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

// As DynamoDB keeps an item: no undefined values (the document client drops them), plain data.
const asKept = (item: unknown) => JSON.parse(JSON.stringify(item)) as unknown;

/**
 * Puts an item if the condition holds; false if it did not. A refusal that found the very item being put is this Put's
 * own first attempt: it landed, its reply was lost, and the SDK's retry met it. That is a success, not a conflict.
 * (Transactions need no such care: the SDK gives each one a ClientRequestToken, and DynamoDB answers its retry as it did.)
 */
export async function putIf(input: PutCommandInput & { ConditionExpression: string }): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ ...input, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return error.Item !== undefined && isDeepStrictEqual(asKept(unmarshall(error.Item)), asKept(input.Item));
  }
}
