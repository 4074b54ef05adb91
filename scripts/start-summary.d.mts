export function tourSummary(tour: { shotsDir: string; shots: string[]; tourUrl: string; extensionDir: string; extensionId: string }): string;
