// What each role works on in the console; the API still decides every request (infra/permissions.ts).
import type { Role } from '../../schemas/identity.ts';

export type Area = 'objects' | 'register' | 'search' | 'watch-list' | 'alerts' | 'subscriptions';

const areas: Record<Role, Area[]> = {
  museum: ['objects', 'register', 'search', 'alerts', 'subscriptions'],
  police: ['search', 'watch-list', 'alerts', 'subscriptions'],
  customs: ['search', 'watch-list', 'alerts', 'subscriptions'],
  market: ['search', 'alerts', 'subscriptions'],
  public: ['search'],
  admin: ['objects', 'register', 'search', 'watch-list', 'alerts', 'subscriptions'],
};

export const areasOf = (role: Role): Area[] => areas[role];
export const homeOf = (role: Role): string => (areas[role].includes('objects') ? '/objects' : '/search');
