import { describe, expect, it } from 'vitest';
import { matchesFilter, passesFilters } from '../../../scripts/local/event-filter.ts';
import { eventSources } from '../../../infra/wiring.ts';

const record = (eventName: string, entity: string) => ({ eventName, dynamodb: { NewImage: { entity: { S: entity }, pk: { S: 'X' } } } });

describe('Lambda event filters, as the local runtime applies them', () => {
  it('accepts a record whose fields take one of the listed values, at any depth', () => {
    // Act and Assert
    expect(matchesFilter({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['sighting'] } } } }, record('INSERT', 'sighting'))).toBe(true);
    expect(matchesFilter({ eventName: ['INSERT'] }, record('MODIFY', 'sighting'))).toBe(false);
    expect(matchesFilter({ dynamodb: { OldImage: { entity: { S: ['object'] } } } }, record('INSERT', 'object'))).toBe(false);
  });

  it('sends the matcher new sightings, object changes and new fingerprints, and nothing else', () => {
    // Arrange
    const matcher = eventSources.find((source) => source.kind === 'table-stream');
    const filters = matcher?.kind === 'table-stream' ? matcher.filters : [];
    // Act
    const passes = (eventName: string, entity: string) => passesFilters(filters, record(eventName, entity));
    // Assert
    expect([passes('INSERT', 'sighting'), passes('MODIFY', 'sighting')]).toEqual([true, false]);
    expect([passes('INSERT', 'object'), passes('MODIFY', 'object')]).toEqual([true, true]);
    expect([passes('INSERT', 'fingerprint'), passes('INSERT', 'history'), passes('INSERT', 'image')]).toEqual([true, false, false]);
  });
});
