/**
 * cdktf entry point (`npx cdktf synth`, run by cdktf.json's `app` with tsx): one stack per stage.
 * Stage, region, prefix and database mode come from env (STAGE, AWS_REGION, APP_PREFIX, DB_MODE, ...) or
 * cdktf context; see infra/config.ts. Functions are deployed from `npm run build`'s zips in dist/functions.
 */
import { App } from './infra/cdktf';
import { LambdaReuseLabStack, resolveStageConfigs, stackName } from './infra/index';

// No stack traces in the manifest's annotations: they would write this machine's absolute paths into cdktf.out.
const app = new App({ stackTraces: false });
const configs = resolveStageConfigs({ env: process.env, context: (key) => app.node.tryGetContext(key) });
for (const config of configs) {
  new LambdaReuseLabStack(app, stackName(config), { config });
}
app.synth();
