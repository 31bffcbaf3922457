/** Kafka topics (and local-queue topics) of trawl; AsyncAPI documents their messages. */
export const topics = {
  pageJobs: 'trawl.jobs.pages',
  imageJobs: 'trawl.jobs.images',
  /** Public integration events for downstream consumers ("dataset ready"). */
  datasets: 'trawl.datasets',
} as const;

/**
 * One group per topic: kafkajs's assigners expect every member of a group to subscribe to the same
 * topics, and page and image fetching scale separately anyway.
 */
export const consumerGroups = {
  pageFetchers: 'trawl-fetchers-pages',
  imageFetchers: 'trawl-fetchers-images',
} as const;
