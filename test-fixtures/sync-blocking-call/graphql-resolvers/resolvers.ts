import { scryptSync } from 'node:crypto';

export const resolvers = {
  Query: {
    hello: () => 'world',
  },
  Mutation: {
    login(_parent: unknown, args: { password: string }) {
      return scryptSync(args.password, 'salt', 64).toString('hex');
      //     ^^^^^^^^^^ sync-blocking-call: GraphQL Mutation.login
    },
  },
};
