/**
 * Protected sectors an agreement may name: the 16 critical-infrastructure sectors of the 2021 Geneva list (UN GGE /
 * OEWG norms), election infrastructure, and custom sectors written `x-<name>` so they never collide with the list.
 */
export const GENEVA_SECTORS = Object.freeze([
  'chemical',
  'commercial-facilities',
  'communications',
  'critical-manufacturing',
  'dams',
  'defence-industrial-base',
  'emergency-services',
  'energy',
  'financial-services',
  'food-and-agriculture',
  'government-facilities',
  'healthcare',
  'information-technology',
  'nuclear',
  'transportation',
  'water',
] as const);

export const ELECTION_INFRASTRUCTURE = 'election-infrastructure';

/** Every listed (non-custom) sector. */
export const PROTECTED_SECTORS: readonly string[] = Object.freeze([...GENEVA_SECTORS, ELECTION_INFRASTRUCTURE]);

const CUSTOM_SECTOR = /^x-[a-z0-9]+(-[a-z0-9]+)*$/;

/** True for a listed sector or a well-formed custom one. */
export function isSector(value: string): boolean {
  return PROTECTED_SECTORS.includes(value) || CUSTOM_SECTOR.test(value);
}
