export const validatorPath: string;
export function generatePackValidator(): string;
