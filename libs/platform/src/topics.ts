/** Topic and consumer-group names, under a configurable prefix (TRAWL_TOPIC_PREFIX). AsyncAPI: docs/asyncapi.yaml. */
export interface TopicNames {
  pageJobs: string;
  imageJobs: string;
  /** Public integration events for downstream consumers ("dataset ready"). */
  datasets: string;
  /**
   * One group per topic: kafkajs's assigners expect every member of a group to subscribe to the same
   * topics, and page and image fetching scale separately anyway.
   */
  pageFetchers: string;
  imageFetchers: string;
}

export function topicNames(prefix: string): TopicNames {
  return {
    pageJobs: `${prefix}.jobs.pages`,
    imageJobs: `${prefix}.jobs.images`,
    datasets: `${prefix}.datasets`,
    pageFetchers: `${prefix}-fetchers-pages`,
    imageFetchers: `${prefix}-fetchers-images`,
  };
}
