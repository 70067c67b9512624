/** Commander's accumulator for a repeatable option (`--party A --party B` → ['A', 'B']). */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
