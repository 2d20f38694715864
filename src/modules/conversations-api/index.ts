// The inbox's API (conversations, staff replies, customers' media) and its background job.
export { createConversationsService, type ConversationsService, type InboxDeps } from './conversations.service.ts';
export { createConversationsRouter } from './conversations-api.routes.ts';
export { createDownloadMediaTask, scheduleMediaDownloads, DOWNLOAD_MEDIA_JOB, type DownloadMediaJob } from './download-media.job.ts';
export { mediaDownloadsOf } from './turn-effects.ts';
