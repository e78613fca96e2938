// Cognito as the directory of members: an invited person gets a user (Cognito emails the temporary password) with
// the organisation as its custom attribute, in the group of its role, which is what the tokens carry.
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient, UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import { Conflict } from '../http/errors.ts';
import type { MemberDirectory } from '../orgs/model.ts';

const cognito = new CognitoIdentityProviderClient({});

export function cognitoMembers(userPoolId: string): MemberDirectory {
  return {
    async invite(member) {
      try {
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: member.email,
            UserAttributes: [
              { Name: 'email', Value: member.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'custom:org', Value: member.org },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
      } catch (error) {
        // A user's organisation cannot change (the attribute is immutable): someone who moves gets a new account.
        if (error instanceof UsernameExistsException) throw new Conflict(`${member.email} already has an account`, [{ path: 'email', reason: 'already has an account' }]);
        throw error;
      }
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: member.email, GroupName: member.role }));
    },
  };
}
