// The local runtime runs each invocation in an environment of its own, as Lambda does: a handler module's state (a
// Powertools BatchProcessor) is never shared by two invocations at once, or one batch's failures land in another's.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunctions } from '../../../scripts/local/lambda.ts';

const root = resolve(import.meta.dirname, '../../..');
const declared = { counter: { entry: 'test/fixtures/one-invocation-handler.ts', timeoutSeconds: 5, memoryMb: 128 } };
type Outcome = { together: number; environment: string };

describe('local Lambda environments', () => {
  it('run invocations made at the same time in separate environments', async () => {
    // Arrange
    const invoke = loadFunctions(root, declared);

    // Act
    const outcomes = (await Promise.all([1, 2, 3].map(() => invoke('counter', { holdMs: 50 })))) as Outcome[];

    // Assert
    expect(outcomes.map((outcome) => outcome.together)).toEqual([1, 1, 1]);
    expect(new Set(outcomes.map((outcome) => outcome.environment)).size).toBe(3);
  });

  it('reuse a free environment rather than start another', async () => {
    // Arrange
    const invoke = loadFunctions(root, declared);
    const first = (await invoke('counter', { holdMs: 1 })) as Outcome;

    // Act
    const second = (await invoke('counter', { holdMs: 1 })) as Outcome;

    // Assert
    expect(second.environment).toBe(first.environment);
  });
});
