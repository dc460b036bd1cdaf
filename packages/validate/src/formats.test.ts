import { describe, expect, it } from 'vitest';

import { isGoDuration, isQuantity } from './formats.js';

describe('isQuantity', () => {
  it.each(['500m', '1Gi', '2', '0.5', '.5', '+1', '-1', '1e3', '1E-3', '10Ki', '100M', '1.5Gi', 3, 0.25])('accepts %j', (value) => {
    expect(isQuantity(value)).toBe(true);
  });
  it.each(['1GB', '1gi', '1 Gi', 'Gi', '', '1.2.3', '1e', 'm', true, null, Number.NaN])('rejects %j', (value) => {
    expect(isQuantity(value)).toBe(false);
  });
});

describe('isGoDuration', () => {
  it.each(['0', '30s', '5m', '1h30m', '1.5h', '300ms', '10us', '10µs', '-1m', '2h45m30.5s'])('accepts %s', (value) => {
    expect(isGoDuration(value)).toBe(true);
  });
  it.each(['1d', '1w', '15', '', 'm', '1 h', '1H', 'PT5M'])('rejects %s', (value) => {
    expect(isGoDuration(value)).toBe(false);
  });
});
