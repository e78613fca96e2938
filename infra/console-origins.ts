// The browser origins of the console, checked once for the API's CORS and the image bucket's.
import { Annotations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The listed origins without wildcards (with a synth warning); an entry that is not a bare origin stops the synth. */
export function consoleOrigins(scope: IConstruct, webOrigins: string[]): string[] {
  const origins = webOrigins.filter((origin) => !origin.includes('*'));
  if (origins.length < webOrigins.length) {
    Annotations.of(scope).addWarningV2(
      'registry:cors-wildcard',
      "webOrigins '*' is ignored: CORS allows only the console origins listed, e.g. -c webOrigins=https://console.example.org",
    );
  }
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new Error(`webOrigins: "${origin}" is not an origin such as https://console.example.org (scheme, host and port only)`);
    }
  }
  return origins;
}
