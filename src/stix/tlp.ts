/** The TLP marking definitions: the four TLP 1.0 objects of STIX 2.1 §7.2.1.4 and the five FIRST TLP 2.0 ones. */
import { TLP_2_EXTENSION } from './types/extensions/tlp-2.ts';

/** A TLP marking-definition object as published. */
export interface TlpMarkingDefinition {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: string;
  readonly created: string;
  readonly name: string;
  readonly definition_type?: 'tlp';
  readonly definition?: { readonly tlp: string };
  readonly extensions?: Readonly<Record<string, { readonly extension_type: 'property-extension'; readonly tlp_2_0: string }>>;
}

export const TLP_WHITE_ID = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
export const TLP_GREEN_ID = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const TLP_AMBER_ID = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
export const TLP_RED_ID = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
export const TLP2_CLEAR_ID = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';
export const TLP2_GREEN_ID = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
export const TLP2_AMBER_ID = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
export const TLP2_AMBER_STRICT_ID = 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003';
export const TLP2_RED_ID = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

const tlp1 = (id: string, level: string): TlpMarkingDefinition =>
  deepFreeze({ type: 'marking-definition', spec_version: '2.1', id, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: `TLP:${level.toUpperCase()}`, definition: { tlp: level } });

const tlp2 = (id: string, level: string): TlpMarkingDefinition =>
  deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP_2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level } },
  });

export const TLP_WHITE = tlp1(TLP_WHITE_ID, 'white');
export const TLP_GREEN = tlp1(TLP_GREEN_ID, 'green');
export const TLP_AMBER = tlp1(TLP_AMBER_ID, 'amber');
export const TLP_RED = tlp1(TLP_RED_ID, 'red');
export const TLP2_CLEAR = tlp2(TLP2_CLEAR_ID, 'clear');
export const TLP2_GREEN = tlp2(TLP2_GREEN_ID, 'green');
export const TLP2_AMBER = tlp2(TLP2_AMBER_ID, 'amber');
export const TLP2_AMBER_STRICT = tlp2(TLP2_AMBER_STRICT_ID, 'amber+strict');
export const TLP2_RED = tlp2(TLP2_RED_ID, 'red');

/** The four TLP 1.0 marking definitions. */
export const TLP1_MARKINGS: readonly TlpMarkingDefinition[] = Object.freeze([TLP_WHITE, TLP_GREEN, TLP_AMBER, TLP_RED]);
/** The five TLP 2.0 marking definitions. */
export const TLP2_MARKINGS: readonly TlpMarkingDefinition[] = Object.freeze([TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_RED]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
