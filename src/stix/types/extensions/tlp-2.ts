import type { ExtensionSpec } from '../../spec/property-spec.ts';
import { required } from '../../spec/property-types.ts';

/** The id of the FIRST TLP 2.0 marking extension. */
export const TLP_2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The TLP 2.0 property-extension of marking-definition. */
export const tlp2Extension: ExtensionSpec = {
  name: TLP_2_EXTENSION,
  appliesTo: ['marking-definition'],
  properties: {
    extension_type: required({ kind: 'enum', values: ['property-extension'] }),
    tlp_2_0: required({ kind: 'enum', values: ['clear', 'green', 'amber', 'amber+strict', 'red'] }),
  },
};
