import { describe, expect, it } from 'vitest';
import { durationAxis, niceAxis, scaleLinear } from './chart-scale.ts';

describe('niceAxis', () => {
  it('rounds the top up to a nice step', () => {
    expect(niceAxis(87)).toEqual({ max: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceAxis(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis(1, 5)).toEqual({ max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });
  it('gives a unit axis for no data', () => {
    expect(niceAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceAxis(Number.NaN)).toEqual({ max: 1, ticks: [0, 1] });
  });
  it('always covers the value', () => {
    for (const v of [3, 13, 99, 101, 3599, 86_400]) expect(niceAxis(v).max).toBeGreaterThanOrEqual(v);
  });
});

describe('scaleLinear', () => {
  it('maps proportionally and clamps negatives', () => {
    expect(scaleLinear(50, 100, 300)).toBe(150);
    expect(scaleLinear(-5, 100, 300)).toBe(0);
    expect(scaleLinear(5, 0, 300)).toBe(0);
  });
});

describe('durationAxis', () => {
  it('ticks on whole minutes and hours', () => {
    expect(durationAxis(9000)).toEqual({ max: 9000, ticks: [0, 1800, 3600, 5400, 7200, 9000] });
    expect(durationAxis(9001).max).toBe(10_800);
    expect(durationAxis(270)).toEqual({ max: 300, ticks: [0, 60, 120, 180, 240, 300] });
  });
  it('covers long spans with days or weeks', () => {
    const axis = durationAxis(40 * 86_400);
    expect(axis.max).toBeGreaterThanOrEqual(40 * 86_400);
    expect(axis.ticks.length).toBeLessThanOrEqual(7);
  });
  it('gives a one-minute axis for no data', () => {
    expect(durationAxis(0)).toEqual({ max: 60, ticks: [0, 60] });
  });
});
