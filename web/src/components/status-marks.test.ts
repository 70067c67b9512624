// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { h, render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CountdownLabel } from './countdown-label.tsx';
import { TlpBadge } from './tlp-badge.tsx';

afterEach(() => render(null, document.body));

describe('TlpBadge', () => {
  it('writes the label as TLP 2.0 does and picks the colour class', () => {
    render(h(TlpBadge, { tlp: 'amber+strict' }), document.body);
    const badge = document.querySelector('.tlp')!;
    expect(badge.textContent).toBe('TLP:AMBER+STRICT');
    expect(badge.className).toBe('tlp tlp-amber');
    render(h(TlpBadge, { tlp: 'clear' }), document.body);
    expect(document.querySelector('.tlp')!.className).toBe('tlp tlp-clear');
  });
});

describe('CountdownLabel', () => {
  it('marks an overdue deadline with the overdue class and text', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    render(h(CountdownLabel, { due: '2026-11-23T09:47:29Z', now, label: 'respond' }), document.body);
    const label = document.querySelector('.countdown')!;
    expect(label.classList.contains('overdue')).toBe(true);
    expect(label.querySelector('time')!.textContent).toBe('overdue 00:12:31');
    render(h(CountdownLabel, { due: '2026-11-23T10:00:05Z', now }), document.body);
    expect(document.querySelector('.countdown')!.classList.contains('overdue')).toBe(false);
  });
});

describe('TLP colours in the style sheet', () => {
  it('are FIRST TLP 2.0 RGB values on a black background', () => {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../styles.css'), 'utf8');
    const value = (name: string) => css.match(new RegExp(`--${name}:\\s*([^;]+);`))?.[1].trim();
    expect(value('tlp-red')).toBe('rgb(255, 43, 43)');
    expect(value('tlp-amber')).toBe('rgb(255, 192, 0)');
    expect(value('tlp-green')).toBe('rgb(51, 255, 0)');
    expect(value('tlp-clear')).toBe('rgb(255, 255, 255)');
    expect(value('tlp-background')).toBe('rgb(0, 0, 0)');
  });
});
