// DynamoDB repository of organisations and their members (registry table).
//
// Access patterns and the items that serve them:
//   organisation by id            pk=ORG#<id>  sk=META
//   all organisations, by name    index byCreated: listPk=ORGS, listSk=<name>#<id>
//   an organisation's members     pk=ORG#<id>  sk begins_with MEMBER#
import { GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { OrgRepository, StoredMember, StoredOrg } from '../orgs/model.ts';
import { dynamo } from './clients.ts';
import { putIf } from './condition-failures.ts';

const orgKey = (id: string) => ({ pk: `ORG#${id}`, sk: 'META' });
const orgItem = (org: StoredOrg) => ({ ...orgKey(org.id), entity: 'org', version: org.version, listPk: 'ORGS', listSk: `${org.name}#${org.id}`, record: org });

export function dynamoOrgs(tableName: string): OrgRepository {
  async function all<T>(input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, string> }): Promise<T[]> {
    const found: T[] = [];
    for await (const page of paginateQuery({ client: dynamo }, { TableName: tableName, ...input })) found.push(...(page.Items ?? []).map((item) => item.record as T));
    return found;
  }

  return {
    create: (org) => putIf({ TableName: tableName, Item: orgItem(org), ConditionExpression: 'attribute_not_exists(pk)' }),

    async get(id) {
      const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: orgKey(id), ConsistentRead: true }));
      return result.Item?.record as StoredOrg | undefined;
    },

    list: () => all<StoredOrg>({ IndexName: 'byCreated', KeyConditionExpression: 'listPk = :orgs', ExpressionAttributeValues: { ':orgs': 'ORGS' } }),

    replace: (org, expectedVersion) =>
      putIf({ TableName: tableName, Item: orgItem(org), ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),

    async addMember(member) {
      await dynamo.send(new PutCommand({ TableName: tableName, Item: { pk: `ORG#${member.org}`, sk: `MEMBER#${member.email}`, entity: 'member', record: member } }));
    },

    members: (org) =>
      all<StoredMember>({ KeyConditionExpression: 'pk = :org AND begins_with(sk, :member)', ExpressionAttributeValues: { ':org': `ORG#${org}`, ':member': 'MEMBER#' } }),
  };
}
