// Failure messages and stack traces can quote an incident (a channel's refusal, a feed's error): this
// converter moves them into the failure's encoded attributes, a payload the codec encrypts like any
// other. CommonJS, because the SDK require()s it by path in workers and clients (Node's own loader,
// under tsx and vitest alike) and webpack bundles it into the workflow sandbox
// (failureConverterPath in workers/bundle.ts), where it runs whatever YUQING_ENCRYPTION says.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
