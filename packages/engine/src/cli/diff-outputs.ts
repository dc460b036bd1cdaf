/** The formats `diff --output` takes; apart from diff.ts so the CLI parses the option without loading diff. */
export const DIFF_OUTPUTS = ['text', 'json', 'markdown'] as const;
export type DiffOutput = (typeof DIFF_OUTPUTS)[number];
