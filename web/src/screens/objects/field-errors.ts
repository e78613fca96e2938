// The API's reason for one field of a form, from a 400 (ApiError.fields), or nothing.
import { ApiError } from '../../api/client.ts';

export type FormError = Error | undefined;

/** The reason for `path`; with `nested`, also the first reason for a part of it (e.g. "materials.2" for "materials"). */
export function reasonAt(error: FormError, path: string, nested = false): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.reasonFor(path) ?? (nested ? error.fields.find((field) => field.path.startsWith(`${path}.`))?.reason : undefined);
}
