/** Types for check-tree.mjs, so the Vitest test can call it in-process. */
export function checkTree(root: string): { files: number; problems: string[] };
