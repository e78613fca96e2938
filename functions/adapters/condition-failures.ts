// How DynamoDB says a condition did not hold: a refused single write, or a transaction cancelled for one of its items.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** A single write whose condition failed, or a transaction cancelled because any of its conditions did. */
export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed'));

/** A transaction cancelled because the condition on its item at `index` failed. */
export const conditionFailedAt = (error: unknown, index: number) =>
  error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
