// Loaded by path (DataConverter.failureConverterPath) on clients and workers, and bundled into the
// workflow sandbox: failure messages and stack traces move into an encoded payload, so the payload
// codec encrypts them too. They carry Customs' field errors, which quote names and addresses.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
