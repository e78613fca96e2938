import { describe, expect, it } from 'vitest';
import { placeOf, shareOfFrame } from '../../../web/src/screens/search/region-place.ts';

describe('placeOf', () => {
  it('names the third of the photo, across and down, that holds the centre of the region', () => {
    // Arrange
    const regions = [
      { x: 0.05, y: 0.3, width: 0.25, height: 0.4 },
      { x: 0.4, y: 0.4, width: 0.2, height: 0.2 },
      { x: 0.7, y: 0.02, width: 0.3, height: 0.2 },
      { x: 0.3, y: 0.7, width: 0.4, height: 0.3 },
    ];

    // Act
    const places = regions.map(placeOf);

    // Assert
    expect(places).toEqual(['middle-left', 'middle-centre', 'top-right', 'bottom-centre']);
  });

  it('keeps a region that reaches the far edge in the last third', () => {
    // Act
    const place = placeOf({ x: 1, y: 1, width: 0, height: 0 });

    // Assert
    expect(place).toBe('bottom-right');
  });
});

describe('shareOfFrame', () => {
  it('is the share of the photo area the region covers', () => {
    // Act
    const share = shareOfFrame({ x: 0.1, y: 0.1, width: 0.5, height: 0.7 });

    // Assert
    expect(share).toBeCloseTo(0.35);
  });
});
