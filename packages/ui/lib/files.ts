/** Files the apps hand to the browser. */

/** Saves a file the app holds (a download the browser offers under `name`). */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Saves a file the gateway serves only with a session (an audit document) under `name`: null once saved, else the
 * error code its answer gave (`CHECKSUM_MISMATCH`, `NOT_FOUND`, ...) or `DOWNLOAD_FAILED`.
 */
export async function saveSessionFile(path: string, token: string | null, name: string): Promise<string | null> {
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => null);
  if (res?.ok) {
    saveBlob(await res.blob(), name);
    return null;
  }
  const body = (await res?.json().catch(() => null)) as { errors?: Array<{ code?: string }> } | null;
  return body?.errors?.[0]?.code ?? 'DOWNLOAD_FAILED';
}
