import { describe, expect, it } from 'vitest';
import { formats, goDurationSeconds } from './formats.js';

describe("Go durations, as time.ParseDuration reads them", () => {
  it.each([
    ['0', 0],
    ['60s', 60],
    ['1m30s', 90],
    ['1.5h', 5400],
    ['.5s', 0.5],
    ['300ms', 0.3],
    ['2562047h', 2562047 * 3600],
  ])('%s is %d seconds', (text, seconds) => expect(goDurationSeconds(text)).toBeCloseTo(seconds));

  it.each(['', '1d', '1w', '60', 's', '-1s', '1 s', '2562048h', '1e3s'])('%j is not a Go duration', (text) => expect(goDurationSeconds(text)).toBeUndefined());

  it('accepts polling intervals from 15s to 24h only', () => {
    expect(['15s', '60s', '1h', '24h'].map(formats['polling-interval'] ?? (() => false))).toEqual([true, true, true, true]);
    expect(['0', '0s', '14s', '1ns', '24h1s', '3000000h'].map(formats['polling-interval'] ?? (() => true))).toEqual([false, false, false, false, false, false]);
  });
});

describe('load-balancer addresses', () => {
  const unicast = formats['unicast-ipv4'] ?? (() => false);
  it.each(['192.0.2.10', '10.0.0.1', '223.255.255.254', '1.1.1.1'])('%s is a unicast address', (ip) => expect(unicast(ip)).toBe(true));
  it.each(['0.0.0.0', '0.1.2.3', '127.0.0.1', '169.254.1.1', '224.0.0.1', '239.255.255.255', '240.0.0.1', '255.255.255.255', '1.2.3', '01.2.3.4', '256.1.1.1'])('%s is refused', (ip) => expect(unicast(ip)).toBe(false));
});
