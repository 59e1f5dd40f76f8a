/**
 * The kit's federated schema: a plain field reads its property with graphql-js's default resolver (no type-graphql
 * wrapper per field), a getter or a field resolver keeps type-graphql's resolver, and the answers are the same.
 */
import 'reflect-metadata';
import { graphql, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { Authorized, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSchema } from '../src';

@ObjectType('Gadget')
class Gadget {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  get label(): string {
    return `gadget ${this.id}`;
  }

  @Field(() => [String])
  tags!: string[];
}

@Resolver(() => Gadget)
class GadgetResolver {
  @Query(() => [Gadget])
  gadgets(): Gadget[] {
    return ['1', '2'].map((id) => Object.assign(new Gadget(), { id, tags: [`t${id}`] }));
  }

  @FieldResolver(() => String)
  shout(@Root() gadget: Gadget): string {
    return gadget.id.toUpperCase() + '!';
  }
}

const fields = (schema: GraphQLSchema) => (schema.getType('Gadget') as GraphQLObjectType).getFields();

describe(buildFederatedSchema.name, () => {
  it("should read plain fields with graphql-js's default resolver when the kit builds a schema, and keep field resolvers", async () => {
    const schema = await buildFederatedSchema({ resolvers: [GadgetResolver] });
    const gadget = fields(schema);
    // before the kit asked for simple resolvers, each of these two was type-graphql's wrapper
    expect(gadget.id.resolve).toBeUndefined();
    expect(gadget.tags.resolve).toBeUndefined();
    // a getter and a field resolver keep type-graphql's resolver (it calls them)
    expect(typeof gadget.label.resolve).toBe('function');
    expect(typeof gadget.shout.resolve).toBe('function');
    const answer = await graphql({ schema, source: '{ gadgets { id label tags shout } }' });
    expect(answer).toEqual({
      data: {
        gadgets: [
          { id: '1', label: 'gadget 1', tags: ['t1'], shout: '1!' },
          { id: '2', label: 'gadget 2', tags: ['t2'], shout: '2!' },
        ],
      },
    });
  });

  // runs last: the decorator below registers in type-graphql's global metadata for the rest of this file
  it('should refuse to build when a field has type-graphql auth or middleware, which simple resolvers would skip', async () => {
    @ObjectType('Guarded')
    class Guarded {
      @Authorized()
      @Field(() => String)
      secret!: string;
    }
    @Resolver(() => Guarded)
    class GuardedResolver {
      @Query(() => Guarded)
      guarded(): Guarded {
        return Object.assign(new Guarded(), { secret: 'x' });
      }
    }
    await expect(buildFederatedSchema({ resolvers: [GuardedResolver] })).rejects.toThrow(/would skip them/);
  });
});
