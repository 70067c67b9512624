/** STIX 2.1 §11.1: custom property names are 3–250 characters of a-z, 0-9 and underscore. */
const CUSTOM_PROPERTY = /^[a-z0-9_]{3,250}$/;

/** The message for a property the type does not define, or undefined when it is an allowed custom property. */
export function unknownPropertyProblem(key: string, owner: string, loose: boolean): string | undefined {
  if (loose ? /^[a-z0-9_]+$/.test(key) : CUSTOM_PROPERTY.test(key)) return undefined;
  return `"${key}" is not a property of ${owner} and not a valid custom property name (3–250 characters of a-z, 0-9 and _)`;
}
