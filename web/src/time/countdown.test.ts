import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, formatSpan, formatUtc } from './countdown.ts';

const now = Date.parse('2026-11-23T10:00:00.000Z');

describe('formatSpan', () => {
  it('pads hours, minutes and seconds', () => {
    expect(formatSpan(0)).toBe('00:00:00');
    expect(formatSpan(3661)).toBe('01:01:01');
    expect(formatSpan(86_399)).toBe('23:59:59');
  });
  it('adds whole days in front', () => {
    expect(formatSpan(86_400)).toBe('1d 00:00:00');
    expect(formatSpan(2 * 86_400 + 5)).toBe('2d 00:00:05');
  });
});

describe('formatCountdown', () => {
  it('counts down to a future deadline', () => {
    expect(formatCountdown('2026-11-23T12:13:05Z', now)).toEqual({ text: '02:13:05', overdue: false });
  });
  it('rounds a partial second up while time is left', () => {
    expect(formatCountdown('2026-11-23T10:00:00.400Z', now)).toEqual({ text: '00:00:01', overdue: false });
  });
  it('marks a deadline that has passed as overdue with the time since', () => {
    expect(formatCountdown('2026-11-23T09:47:29Z', now)).toEqual({ text: 'overdue 00:12:31', overdue: true });
  });
  it('treats the due instant itself as overdue', () => {
    expect(formatCountdown('2026-11-23T10:00:00Z', now)).toEqual({ text: 'overdue 00:00:00', overdue: true });
  });
  it('ticks: one second later shows one second less', () => {
    const due = '2026-11-23T10:01:00Z';
    expect(formatCountdown(due, now).text).toBe('00:01:00');
    expect(formatCountdown(due, now + 1000).text).toBe('00:00:59');
  });
  it('shows a dash for an unreadable date', () => {
    expect(formatCountdown('soon', now)).toEqual({ text: '—', overdue: false });
  });
});

describe('formatDuration', () => {
  it('picks the two largest units', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(270)).toBe('4m 30s');
    expect(formatDuration(7500)).toBe('2h 05m');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3d 04h');
  });
  it('shows a dash for no value', () => {
    expect(formatDuration(null)).toBe('—');
  });
});

describe('formatUtc', () => {
  it('prints UTC without milliseconds', () => {
    expect(formatUtc('2026-11-23T10:04:05.123Z')).toBe('2026-11-23 10:04:05Z');
    expect(formatUtc(null)).toBe('—');
  });
});
