/** One rejected line of a manual add or an import: its number, what was typed (when known) and why. */
export interface LineError {
  line: number;
  input?: string;
  message: string;
}
