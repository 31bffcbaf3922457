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
    .default('api,relay,fetcher,projector,notifier,exporter,sweeper')
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
  TRAWL_MAX_IMAGE_PIXELS: positiveInt.default(100_000_000).describe('Largest width x height an image may declare (decompression bombs); more fails it with image-too-many-pixels'),
  TRAWL_MAX_UPLOAD_BYTES: positiveInt.default(25 * 1024 * 1024).describe('Largest image POST /api/v1/images accepts (decoded bytes; base64 JSON may be a third larger); more is refused with image-too-large'),
  TRAWL_MAX_VARIANT_DIMENSION: positiveInt.default(4096).describe('Largest width or height a client may ask an image variant for'),
  TRAWL_MAX_IMAGE_JSON_BYTES: positiveInt.default(8 * 1024 * 1024).describe('Largest image (before base64) served as JSON (Accept: application/json); more is refused with image-too-large-for-json'),
  TRAWL_PARSE_TIMEOUT_MS: positiveInt.default(30_000).describe('Time one page may take to parse (in a worker thread, off the event loop); more fails the task with parse-timeout'),
  TRAWL_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(1024).describe('Heap of each page-parsing worker thread; a page that needs more fails with parse-out-of-memory'),
  TRAWL_FETCH_CONCURRENCY: positiveInt.default(16).describe('Jobs a fetcher handles at once'),
  TRAWL_RESPECT_ROBOTS: z
    .stringbool()
    .default(true)
    .describe('Honour robots.txt (tasks may opt out one by one); false: never read robots.txt'),
  TRAWL_RESPECT_OPT_OUTS: z
    .stringbool()
    .default(true)
    .describe('Honour AI/TDM opt-outs (X-Robots-Tag noai/noimageai, <meta name="robots">, TDMRep) before a body is read; false: collect regardless'),
  TRAWL_OPT_OUT_NOINDEX: z.stringbool().default(false).describe('Also count X-Robots-Tag / meta robots "noindex" and "none" as opt-outs'),
  TRAWL_NEAR_DUPLICATE_DISTANCE: z.coerce.number().int().min(0).max(64).default(10).describe('Most differing bits of two perceptual hashes (of 64) for the images listing to flag the later image as a near-duplicate'),
  TRAWL_HOST_CONCURRENCY: positiveInt.default(4).describe('Requests one fetcher makes to one host at once (pages and images)'),
  TRAWL_HOST_DELAY_MS: z.coerce.number().int().min(0).default(250).describe('Least time between the starts of two requests to one host (a larger robots.txt Crawl-delay wins, up to 30 s)'),
  TRAWL_HOST_SHARDS: positiveInt.default(12).describe('On Kafka, with TRAWL_HOST_DELAY_MS=0: partitions one host\'s jobs spread over, each with an equal share of TRAWL_HOST_CONCURRENCY (at most that many shards; ADR 0010)'),
  TRAWL_MAX_ATTEMPTS: positiveInt.default(4).describe('Attempts per page or image before it fails'),
  TRAWL_REUSE_MAX_AGE: z.coerce.number().int().min(0).default(86_400).describe('Seconds an image URL stored by one task (and a page, for tasks that ask for reuse) is linked to later tasks without a request; after that a conditional GET (ETag, Last-Modified) decides; 0: always ask'),
  TRAWL_KEEP_HTML: z.stringbool().default(true).describe('Store each page as received (content-addressed), so its text can be extracted again without a fetch'),
  TRAWL_RETRY_INITIAL_MS: positiveInt.default(1000),
  TRAWL_RETRY_MAX_MS: positiveInt.default(60_000),
  TRAWL_ACCEPT_WAIT_MS: z.coerce.number().int().min(0).default(2000).describe('How long POST waits for the read model'),
  TRAWL_BATCH_MAX_URLS: positiveInt.default(100_000).describe('Most URLs in one batch upload (text/plain or NDJSON); a JSON body holds at most 10,000'),
  TRAWL_BATCH_WINDOW: positiveInt.default(32).describe('Most unfinished tasks of one batch at a time: the relay releases more as they finish, so batches interleave with other work'),
  TRAWL_API_KEYS: commaList
    .pipe(z.array(z.string().regex(/^[\x21-\x2b\x2d-\x7e]{16,256}$/, 'each key must be 16 to 256 visible ASCII characters, no comma')))
    .default([])
    .describe('Comma-separated API keys; when set, every endpoint but /health, /ready and /metrics needs one'),
  TRAWL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600).describe('Task creations per minute per API key (per client address without keys), also the burst; 0: no limit'),
  TRAWL_SSE_MAX_STREAMS: positiveInt.default(1000).describe('Live-progress (SSE) streams one API process serves at once; past it 503 too-many-streams'),
  TRAWL_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional().describe('Health port of fetcher/projector/relay'),
  TRAWL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRAWL_READY_MAX_LAG_EVENTS: z.coerce.number().int().min(0).default(10_000).describe('/ready of relay and projector fails while their subscription is further behind than this'),
  TRAWL_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional().describe('Base URL clients reach the API at, for the links in webhook payloads; unset: http://localhost:PORT'),
  TRAWL_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional().describe('Webhook of every task or batch that names none (its final statuses; the tasks of a batch send none); needs TRAWL_WEBHOOK_SECRET'),
  TRAWL_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional().describe('HMAC-SHA256 key of the Trawl-Signature header; required once any webhook is used'),
  TRAWL_WEBHOOK_MAX_ATTEMPTS: positiveInt.default(8).describe('Attempts per webhook delivery (the first included) before it is dead-lettered'),
  TRAWL_WEBHOOK_RETRY_BASE_MS: positiveInt.default(5000).describe('Wait before the second attempt; each later wait is 3 times longer (jittered, at most 1 hour)'),
  TRAWL_WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000).describe('One webhook attempt, connection to status line'),
  TRAWL_WEBHOOK_CONCURRENCY: positiveInt.default(16).describe('Webhook requests the notifier has in flight at once (deliveries waiting to retry hold none)'),
  TRAWL_WEBHOOK_PROGRESS_INTERVAL_MS: positiveInt.default(30_000).describe('At most one progress webhook per task this often (tasks that asked for progress)'),
  TRAWL_RETENTION_DAYS: positiveInt.optional().describe('Retention: a final task expires this many days after it ended (its read models and unshared blobs removed, 410 Gone); unset: kept unless it has an expiresAt'),
  TRAWL_RETENTION_SWEEP_INTERVAL_MS: positiveInt.default(60_000).describe('How often the sweeper role looks for expired tasks and batches'),
  TRAWL_RETENTION_RECHECK_MS: z.coerce.number().int().min(0).default(10_000).describe('Sweeper: how long after deleting blobs it re-reads the log for tasks that linked them meanwhile (and writes those back)'),
});

export type Env = z.infer<typeof envSchema>;
