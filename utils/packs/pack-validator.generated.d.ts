// Types for the generated standalone validator (see scripts/gen-pack-validator.mjs).
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}
export interface PackValidator {
  (data: unknown): boolean;
  errors: AjvError[] | null;
}
export const validate: PackValidator;
export default validate;
