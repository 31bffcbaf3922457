import { z } from 'zod';

const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean));
const positiveInt = z.coerce.number().int().positive();

/**
 * Every environment variable trawl reads, with its default. `.env.example` mirrors this list, and a test
 * keeps the two (and docker-compose.yml) in step.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port of the API'),
  HOST: z.string().default('127.0.0.1').describe('Address the API listens on (0.0.0.0 in containers)'),
  TRAWL_ROLES: z
    .string()
    .default('api,relay,fetcher,projector')
    .describe('Roles this process runs (the all-in-one entry only)'),
  TRAWL_DATA_DIR: z.string().default('./data').describe('Where embedded adapters keep their files'),
  EVENTSTORE_URL: z.string().optional().describe('EventStoreDB connection string; unset: SQLite in the data dir'),
  KAFKA_BROKERS: commaList.optional().describe('Comma-separated Kafka brokers; unset: the local durable queue'),
  TRAWL_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/).default('trawl').describe('Prefix of job topics and consumer groups'),
  KAFKA_PARTITIONS: positiveInt.default(12).describe('Partitions of the job topics when trawl creates them'),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(30_000).describe('A silent fetcher loses its partitions after this long'),
  TRAWL_JOB_LEASE_MS: z.coerce.number().int().min(500).default(30_000).describe('Local queue: a crashed process\'s jobs return after this long'),
  TRAWL_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000).describe('SIGTERM: how long in-flight jobs may finish before being handed back'),
  MONGO_URL: z.string().optional().describe('MongoDB URL for read models; unset: SQLite in the data dir'),
  TRAWL_BLOB_STORE: z.enum(['file', 'gridfs']).optional().describe('Blob store; default gridfs with MONGO_URL, else file'),
  TRAWL_ALLOW_PRIVATE: commaList.default([]).describe('CIDRs exempted from the private-address block'),
  TRAWL_EGRESS_ONLY: commaList.optional().describe('When set, nothing outside these CIDRs is fetched'),
  TRAWL_USER_AGENT: z.string().default('trawl/0.1 (+https://github.com/trawl/trawl)').describe('User-Agent of every fetch'),
  TRAWL_MAX_PAGE_BYTES: positiveInt.default(10 * 1024 * 1024),
  TRAWL_MAX_IMAGE_BYTES: positiveInt.default(50 * 1024 * 1024),
  TRAWL_MAX_IMAGES_PER_PAGE: positiveInt.default(5000),
  TRAWL_MAX_REDIRECTS: z.coerce.number().int().min(0).default(10),
  TRAWL_CONNECT_TIMEOUT_MS: positiveInt.default(10_000),
  TRAWL_PAGE_TIMEOUT_MS: positiveInt.default(120_000),
  TRAWL_IMAGE_TIMEOUT_MS: positiveInt.default(120_000),
  TRAWL_FETCH_CONCURRENCY: positiveInt.default(16).describe('Jobs a fetcher handles at once'),
  TRAWL_MAX_ATTEMPTS: positiveInt.default(4).describe('Attempts per page or image before it fails'),
  TRAWL_RETRY_INITIAL_MS: positiveInt.default(1000),
  TRAWL_RETRY_MAX_MS: positiveInt.default(60_000),
  TRAWL_ACCEPT_WAIT_MS: z.coerce.number().int().min(0).default(2000).describe('How long POST waits for the read model'),
  TRAWL_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional().describe('Health port of fetcher/projector/relay'),
  TRAWL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;
