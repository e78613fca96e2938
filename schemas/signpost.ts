// What GET / answers a program rather than a browser: where the console and the API's description are.
import * as z from 'zod';

export const Signpost = z.strictObject({
  message: z.string(),
  console: z.url().meta({ description: 'The web console, for people' }),
  openapi: z.url().meta({ description: 'This API as an OpenAPI 3.1 document, public' }),
});
export type Signpost = z.infer<typeof Signpost>;
