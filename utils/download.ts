/** Extension pages: hands a file to the browser's download (the lead's pack, the sheet template). */
export function saveFile(content: Blob | string, fileName: string, type = 'application/json'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: `${type};charset=utf-8` }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later: Chrome starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A chosen file's bytes (an <input type=file> change). */
export async function readChosenFile(input: HTMLInputElement): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  const file = input.files?.[0];
  if (!file) return undefined;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
