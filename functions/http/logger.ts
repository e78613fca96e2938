// The one logger of every function: structured JSON (Powertools), with what must never reach the logs masked out.
import { Logger } from '@aws-lambda-powertools/logger';
import { restrictedFields } from '../../schemas/object-id.ts';

/**
 * Masked under these keys wherever they appear in a logged value: the restricted fields of an object, status and
 * review notes (they can name suspects), bearer tokens and webhook signing secrets.
 */
const maskedKeys = new Set<string>([...restrictedFields, 'note', 'authorization', 'token', 'signingSecret']);
export const mask = '***';

export const logger = new Logger({ serviceName: 'registry', jsonReplacerFn: (key, value) => (maskedKeys.has(key) ? mask : value) });
