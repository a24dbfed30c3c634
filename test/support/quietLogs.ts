/*
 * Jest setup (jest.config.js `setupFiles`): test output shows test results, not log lines. Handler logs are
 * SILENT unless RATIFY_LOG_LEVEL (or POWERTOOLS_LOG_LEVEL) asks for them, e.g. `RATIFY_LOG_LEVEL=INFO npx jest ...`.
 * The AWS SDK's Node version notice is switched off with the SDK's own setting.
 */
if (!process.env.RATIFY_LOG_LEVEL && !process.env.POWERTOOLS_LOG_LEVEL) process.env.RATIFY_LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
