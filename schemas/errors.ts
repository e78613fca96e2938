// The one error body every endpoint returns.
import * as z from 'zod';

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ examples: ['invalid', 'not-found', 'forbidden', 'conflict', 'unauthorized'] }),
      message: z.string(),
      fields: z.array(z.strictObject({ path: z.string(), reason: z.string() })).optional(),
      correlationId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
