// DynamoDB store of the searches kept for certification and of the certificates issued (same table as objects).
//
// Access patterns and the items that serve them:
//   search by id        pk=SEARCH#<id>  sk=META  expiration=<epoch seconds>: the table's TTL removes it after 180 days
//   certificate by id   pk=CERT#<id>    sk=META  (its id is made from the search's, so a search is certified once)
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { table } from '../../infra/resources.ts';
import type { Certificate, SearchRecord } from '../../schemas/certificates.ts';
import { searchRecordDays, type CertificateRepository, type SearchRecords } from '../certificates/model.ts';
import { dynamo } from './clients.ts';

const searchKey = (id: string) => ({ pk: `SEARCH#${id}`, sk: 'META' });
const certificateKey = (id: string) => ({ pk: `CERT#${id}`, sk: 'META' });
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function dynamoSearchRecords(tableName: string): SearchRecords {
  return {
    async put(record) {
      const expires = epochSeconds(new Date(record.at)) + searchRecordDays * 24 * 3600;
      await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...searchKey(record.id), entity: 'search', [table.ttlAttribute]: expires, record } }));
    },

    async get(id, now) {
      const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: searchKey(id), ConsistentRead: true }));
      // TTL deletes within days of expiry, not at the second: an expired record is gone already for the caller.
      if (!result.Item || (result.Item[table.ttlAttribute] as number) <= epochSeconds(now)) return undefined;
      return result.Item.record as SearchRecord;
    },
  };
}

export function dynamoCertificates(tableName: string): CertificateRepository {
  const get = async (id: string) => {
    const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: certificateKey(id), ConsistentRead: true }));
    return result.Item?.record as Certificate | undefined;
  };
  return {
    get,
    async createOnce(certificate) {
      try {
        await dynamo.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...certificateKey(certificate.id), entity: 'certificate', record: certificate },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return certificate;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const stored = await get(certificate.id);
        if (!stored) throw error;
        return stored;
      }
    },
  };
}
