// The AI assistant (issue 12): a Decider for the conversation engine (menu, ai or hybrid per
// company), its configuration API with versioned prompts and preview, voice-note transcription,
// and the log of its turns. Other modules use only what is exported here.
export { createAgent, type Agent, type AgentDeps } from './agent.ts';
export { createAgentService, type AgentService } from './agent.service.ts';
export { createAgentRouter } from './agent.routes.ts';
export { createSecretsCipher } from './secrets.ts';
export { agentOutcomeSql, AI_ANSWERED } from './agent.repository.ts';
export type { PlatformModel } from './agent.config.ts';
