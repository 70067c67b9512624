/** A pattern that does not parse (or breaks a rule of §9); `position` is the 0-based offset of the fault. */
export class PatternSyntaxError extends Error {
  override readonly name = 'PatternSyntaxError';
  readonly line: number;
  readonly column: number;

  constructor(
    readonly position: number,
    readonly detail: string,
    text: string,
  ) {
    super(`at ${position}: ${detail}`);
    const before = text.slice(0, position).split('\n');
    this.line = before.length;
    this.column = before[before.length - 1].length + 1;
  }
}
