import type { Tlp } from '../api/types.ts';

/** A TLP 2.0 label as FIRST writes it: "TLP:AMBER+STRICT", coloured text on black (see styles.css). */
export function TlpBadge({ tlp }: { tlp: Tlp | undefined }) {
  if (!tlp) return null;
  const label = `TLP:${tlp.toUpperCase()}`;
  return <span class={`tlp tlp-${tlp === 'amber+strict' ? 'amber' : tlp}`}>{label}</span>;
}
