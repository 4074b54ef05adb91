/** Types of size.mjs (read by tests/e2e/size.e2e.ts). */
export interface ScriptSize {
  raw: number;
  gzip: number;
}
export declare const CONTENT_SCRIPT_BUDGET_GZIP: number;
export declare const WRITING_SCRIPT: string;
export declare function contentScriptSize(extensionDir: string): ScriptSize;
export declare function writingScriptSize(extensionDir: string): ScriptSize;
