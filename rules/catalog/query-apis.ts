/**
 * Calls that cost a round trip to a database, a cache or another service, by declaring module and
 * qualified name (as `engine/api-resolve.ts` reports them), with the batch form each library offers.
 * Data only: `n-plus-one-query` matches resolved callees against it, never identifier text.
 */

export interface QueryFamily {
  /** What users call it: `Prisma`, `TypeORM`, `HTTP (axios)`. */
  library: string;
  /** Declaring modules (normalised, no `node:`). */
  modules: readonly string[];
  /** Qualified names (`Repository.findOneBy`), or the last segment when `anyOwner` is set. */
  names: RegExp;
  /** How to read in one round trip, for the message. */
  batch: string;
  /** Writes (matched against the qualified name) and how to batch them, when the library has a bulk form. */
  writes?: { names: RegExp; batch: string };
  /**
   * Receiver types (as the checker prints them) on which the method does not make a round trip of its
   * own: a pipeline or `multi()` only queues the command, a query builder's step is part of one query.
   */
  skipReceiver?: RegExp;
  /** Query builders (Knex, Drizzle): a chain passed to another call is a subquery, not a round trip. */
  builder?: boolean;
  /** Kind of round trip, for the message: `database`, `Redis`, `HTTP`. */
  target: 'database' | 'Redis' | 'HTTP';
}

const HTTP_BATCH = 'a batch endpoint that takes every id in one request, or a bounded-concurrency queue sized to what the service allows';

const PRISMA_MODEL_METHODS =
  'findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate|groupBy|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany';

export const QUERY_FAMILIES: readonly QueryFamily[] = [
  {
    library: 'Prisma',
    writes: { names: /(^|\.)(create|update|upsert|delete)$/, batch: '`createMany`, `updateMany` or `deleteMany` once for every row' },
    // `.prisma/client` holds the generated delegates of `prisma-client-js`; `@prisma/client` the runtime.
    modules: ['.prisma', '@prisma/client'],
    names: new RegExp(`(^|\\.)(\\w+Delegate\\.(${PRISMA_MODEL_METHODS})|PrismaClient\\.\\$(queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe))$`),
    batch: '`findMany({ where: { id: { in: ids } } })` once, then a `Map` lookup (or `include` the relation)',
    target: 'database',
  },
  {
    library: 'TypeORM',
    writes: { names: /(^|\.)(save|insert|update|upsert|delete|remove|softDelete|restore|increment|decrement)$|^(Insert|Update|Delete|SoftDelete)QueryBuilder\.execute$/, batch: 'pass the whole array to one `save`/`insert`/`upsert`, or use `update`/`delete` with `In(ids)`' },
    modules: ['typeorm'],
    names:
      /^(Repository|EntityManager|BaseEntity|MongoRepository|TreeRepository)\.(find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|count|countBy|exist|exists|existsBy|sum|average|minimum|maximum|save|insert|update|upsert|delete|remove|softDelete|restore|increment|decrement|query|preload)$|^(SelectQueryBuilder\.(getOne|getOneOrFail|getMany|getRawOne|getRawMany|getCount|getManyAndCount|getExists|stream)|(QueryBuilder|InsertQueryBuilder|UpdateQueryBuilder|DeleteQueryBuilder|SoftDeleteQueryBuilder)\.execute)$/,
    batch: '`findBy({ id: In(ids) })` once, then a `Map` lookup (or load the relation with `relations` / `leftJoinAndSelect`)',
    target: 'database',
  },
  {
    library: 'Sequelize',
    writes: { names: /(^|\.)(create|update|destroy|upsert|increment|decrement|save)$/, batch: '`bulkCreate` once (with `updateOnDuplicate` for upserts), or `update`/`destroy` with `where: { id: ids }`' },
    modules: ['sequelize'],
    names: /^(Model\.(findAll|findOne|findByPk|findOrCreate|findAndCountAll|findCreateFind|count|max|min|sum|create|update|destroy|upsert|increment|decrement|restore|reload|save)|Sequelize\.query)$/,
    batch: '`findAll({ where: { id: ids } })` once, then a `Map` lookup (or `include` the association)',
    target: 'database',
  },
  {
    library: 'Mongoose',
    writes: { names: /(^|\.)(create|insertOne|save|updateOne|updateMany|replaceOne|deleteOne|deleteMany|findByIdAndUpdate|findOneAndUpdate)$/, batch: '`insertMany` or one `bulkWrite` with every operation' },
    modules: ['mongoose'],
    names:
      /^(Model\.(find|findOne|findById|findByIdAndUpdate|findByIdAndDelete|findOneAndUpdate|findOneAndDelete|findOneAndReplace|updateOne|updateMany|replaceOne|deleteOne|deleteMany|countDocuments|estimatedDocumentCount|exists|distinct|create|insertOne|aggregate|populate)|Document\.(save|populate|deleteOne|updateOne))$/,
    batch: '`find({ _id: { $in: ids } })` once, then a `Map` lookup (or `populate` on the query)',
    target: 'database',
  },
  {
    library: 'MongoDB',
    writes: { names: /(^|\.)(insertOne|updateOne|updateMany|replaceOne|deleteOne|deleteMany)$/, batch: '`insertMany` or one `bulkWrite` with every operation' },
    modules: ['mongodb'],
    names: /^Collection\.(find|findOne|findOneAndUpdate|findOneAndDelete|findOneAndReplace|insertOne|updateOne|updateMany|replaceOne|deleteOne|deleteMany|countDocuments|distinct|aggregate)$/,
    batch: '`find({ _id: { $in: ids } })` once, then a `Map` lookup',
    target: 'database',
  },
  {
    library: 'Drizzle',
    builder: true,
    writes: { names: /(^|\.)(insert|update|delete)$/, batch: 'one `insert(table).values(rows)` with every row, or `inArray` in one `update`/`delete`' },
    modules: ['drizzle-orm'],
    names:
      /^((Pg|MySql|SingleStore|BaseSQLite|SQLite)Database\.(select|selectDistinct|selectDistinctOn|insert|update|delete|execute|run|all|get|values|\$count)|(Pg|MySql|SQLite)?RelationalQueryBuilder\.(findFirst|findMany))$/,
    batch: '`inArray(table.id, ids)` in one `select`, then a `Map` lookup (or the relational `with`)',
    target: 'database',
  },
  {
    library: 'Knex',
    builder: true,
    writes: { names: /(^|\.)(insert|update|del|delete)$/, batch: 'one `insert(rows)` or `batchInsert`, or `whereIn` for updates and deletes' },
    modules: ['knex'],
    // Only the calls that start a query on the Knex instance: builder steps after them are the same query.
    names: /^(Knex|Knex\.Transaction|Knex\.QueryInterface\.(select|insert|update|del|delete|first|from|table|count|pluck)|Knex\.raw)$/,
    batch: '`whereIn(\'id\', ids)` in one query, then a `Map` lookup',
    skipReceiver: /QueryBuilder|QueryInterface|ChainableInterface/,
    target: 'database',
  },
  {
    library: 'Kysely',
    writes: {
      names: /^(Insert|Update|Delete|Merge|WheneableMerge)QueryBuilder\./,
      batch: "one `insertInto(table).values(rows)` with every row, or `where('id', 'in', ids)` in one `updateTable`/`deleteFrom`",
    },
    modules: ['kysely'],
    // The calls that send a built query; the builder steps before them only describe it.
    names: /^((Select|Insert|Update|Delete|Merge|WheneableMerge)QueryBuilder\.(execute|executeTakeFirst|executeTakeFirstOrThrow|stream)|RawBuilder\.execute|Kysely\.executeQuery)$/,
    batch: "`where('id', 'in', ids)` in one query, then a `Map` lookup (or a join)",
    target: 'database',
  },
  {
    library: 'MikroORM',
    writes: {
      names: /(^|\.)(insert|upsert|nativeUpdate|nativeDelete|flush|persistAndFlush|removeAndFlush)$/,
      batch: '`persist` every entity and `flush()` once after the loop (one transaction, batched statements), or `insertMany`/`upsertMany`',
    },
    modules: ['@mikro-orm/core'],
    // Entity managers and repositories, and the lazy loads of references and collections (no query once loaded, one each until then).
    names:
      /^((EntityManager|EntityRepository)\.(find|findOne|findOneOrFail|findAll|findAndCount|findByCursor|count|populate|refresh|refreshOrFail|insert|upsert|nativeUpdate|nativeDelete|flush|persistAndFlush|removeAndFlush)|Collection\.(init|load|loadItems|loadCount|matching)|(Reference|ScalarReference)\.(load|loadOrFail|loadProperty)|(WrappedEntity|BaseEntity)\.init|Connection\.execute)$/,
    batch: "`find(Entity, { id: { $in: ids } })` once, then a `Map` lookup (or `em.populate(entities, ['relation'])` once for the whole array)",
    target: 'database',
  },
  {
    library: 'pg',
    modules: ['pg'],
    names: /^(Pool|Client|ClientBase|PoolClient)\.query$/,
    batch: 'one query with `WHERE id = ANY($1)` and the ids as an array parameter, then a `Map` lookup',
    target: 'database',
  },
  {
    library: 'mysql2',
    modules: ['mysql2'],
    names: /(^|\.)(query|execute)$/,
    batch: 'one query with `WHERE id IN (?)` and the ids as an array parameter, then a `Map` lookup',
    target: 'database',
  },
  {
    library: 'ioredis',
    modules: ['ioredis'],
    names: /^RedisCommander\.(get|set|getex|getdel|setex|hget|hgetall|hmget|hset|hdel|hincrby|exists|del|expire|ttl|incr|incrby|decr|sadd|srem|sismember|smembers|zadd|zscore|zrange|lpush|rpush|lrange|json\.get)$/,
    batch: '`mget`/`hmget`, or queue the commands on `pipeline()` and `exec()` once',
    skipReceiver: /ChainableCommander|Pipeline|Transaction/,
    target: 'Redis',
  },
  {
    library: 'node-redis',
    modules: ['@redis/client', 'redis'],
    names: /^(get|set|getEx|getDel|setEx|hGet|hGetAll|hmGet|hSet|hDel|hIncrBy|exists|del|expire|ttl|incr|incrBy|decr|sAdd|sRem|sIsMember|sMembers|zAdd|zScore|zRange|lPush|rPush|lRange)$/,
    batch: '`mGet`/`hmGet`, or queue the commands on `multi()` and `exec()` once',
    skipReceiver: /Multi|Pipeline/,
    target: 'Redis',
  },
  { library: 'fetch', modules: ['global'], names: /^fetch$/, batch: HTTP_BATCH, target: 'HTTP' },
  { library: 'undici', modules: ['undici'], names: /^(fetch|request|stream)$/, batch: HTTP_BATCH, target: 'HTTP' },
  { library: 'node-fetch', modules: ['node-fetch'], names: /^(fetch|default)$/, batch: HTTP_BATCH, target: 'HTTP' },
  {
    library: 'axios',
    modules: ['axios'],
    names: /^(Axios\.(get|post|put|patch|delete|head|options|request|getUri|postForm|putForm|patchForm)|axios\.AxiosStatic|axios\.AxiosInstance|default)$/,
    batch: HTTP_BATCH,
    target: 'HTTP',
  },
  {
    library: 'got',
    modules: ['got'],
    names: /^(got|default|Got|GotRequestFunction)$/,
    batch: HTTP_BATCH,
    target: 'HTTP',
  },
];

/** Sequelize association mixins (`HasManyGetAssociationsMixin<Post>` on `getPosts`): typed, not named. */
export const SEQUELIZE_ASSOCIATION_MIXIN = /^(HasMany|HasOne|BelongsTo|BelongsToMany)(Get|Count|Has|Create|Set|Add|Remove)\w*Mixin$/;

/** Prisma batches `findUnique` calls made in the same tick into one query (its dataloader). */
export function isPrismaTickBatched(family: QueryFamily, qualifiedName: string): boolean {
  return family.library === 'Prisma' && /\.findUnique$/.test(qualifiedName);
}

export function findQueryFamily(module: string, qualifiedName: string): QueryFamily | undefined {
  return QUERY_FAMILIES.find((f) => f.modules.includes(module) && f.names.test(qualifiedName));
}

/** Array methods whose callback runs once per element. */
export const ITERATION_METHODS: ReadonlySet<string> = new Set([
  'map',
  'forEach',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

/**
 * Library calls that run a callback once per element of their first argument, by declaring module and
 * qualified name, and how many elements run at once: all (`all`), one after another (`serial`), the
 * number passed at `arg` (`count`), the `concurrency` option of the object at `arg` (`option`, all when
 * absent), or the bound of the p-limit limiter they are called on (`limiter`).
 */
export interface ElementMapper {
  module: string;
  names: RegExp;
  callbackArg: number;
  concurrency: { kind: 'all' } | { kind: 'serial' } | { kind: 'limiter' } | { kind: 'count'; arg: number } | { kind: 'option'; arg: number };
}

export const ELEMENT_MAPPERS: readonly ElementMapper[] = [
  { module: 'p-map', names: /^(pMap|pMapSettled)$/, callbackArg: 1, concurrency: { kind: 'option', arg: 2 } },
  // limit.map(items, fn)
  { module: 'p-limit', names: /^map$/, callbackArg: 1, concurrency: { kind: 'limiter' } },
  { module: 'async', names: /^(each|forEach|eachOf|forEachOf|map|filter|reject|concat|groupBy)$/, callbackArg: 1, concurrency: { kind: 'all' } },
  {
    module: 'async',
    names: /^(eachLimit|forEachLimit|eachOfLimit|forEachOfLimit|mapLimit|filterLimit|rejectLimit|concatLimit|groupByLimit)$/,
    callbackArg: 2,
    concurrency: { kind: 'count', arg: 1 },
  },
  {
    module: 'async',
    names: /^(eachSeries|forEachSeries|eachOfSeries|forEachOfSeries|mapSeries|filterSeries|rejectSeries|concatSeries|groupBySeries)$/,
    callbackArg: 1,
    concurrency: { kind: 'serial' },
  },
  { module: 'bluebird', names: /^Bluebird\.(map|filter)$/, callbackArg: 1, concurrency: { kind: 'option', arg: 2 } },
  { module: 'bluebird', names: /^Bluebird\.(mapSeries|each)$/, callbackArg: 1, concurrency: { kind: 'serial' } },
];

export function findElementMapper(module: string, qualifiedName: string): ElementMapper | undefined {
  return ELEMENT_MAPPERS.find((m) => m.module === module && m.names.test(qualifiedName));
}

/** p-limit's limiter (`const limit = pLimit(4)`): `limit(() => task())` runs the task when one of its slots is free. */
export const CONCURRENCY_LIMITER = { module: 'p-limit', type: 'LimitFunction' } as const;

/** `Promise.all(items.map(…))` and friends: all elements at once, still one round trip each. */
export const FAN_OUT_COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race']);
