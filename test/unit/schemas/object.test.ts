import { describe, expect, it } from 'vitest';
import { ListObjectsQuery } from '../../../schemas/object.ts';

describe('ListObjectsQuery', () => {
  it('fills in a page size of 25', () => {
    // Arrange
    const query = {};

    // Act
    const parsed = ListObjectsQuery.parse(query);

    // Assert
    expect(parsed).toEqual({ limit: 25 });
  });

  it('reads the page size from its query-string text', () => {
    // Arrange
    const query = { limit: '10', country: 'GR', status: 'looted' };

    // Act
    const parsed = ListObjectsQuery.parse(query);

    // Assert
    expect(parsed).toEqual({ limit: 10, country: 'GR', status: 'looted' });
  });

  it.each(['GRC', '', 'Greece', 'G1'])('rejects the country %j as invalid input rather than failing', (country) => {
    // Arrange
    const query = { country };

    // Act
    const result = ListObjectsQuery.safeParse(query);

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['country']);
  });

  it.each(['0', '101', 'ten'])('rejects a page size of %s', (limit) => {
    // Arrange
    const query = { limit };

    // Act
    const result = ListObjectsQuery.safeParse(query);

    // Assert
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['limit']);
  });
});
