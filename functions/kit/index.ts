export * from './errors';
export { readIntEnv } from './env';
export { Instance, type InvocationInfo, createInstance, instance } from './instance';
export { Logger, type LogLevel, createLogger, describeError } from './logger';
export { REDACTED, Redactor, redactor } from './redact';
export { type HttpApiEvent, type LambdaContext, type ProxyResult, errorResult, httpHandler, json, queryParam } from './http';
export * from './config';
export * from './postgres';
export * from './breakers';
