/**
 * AWS list prices for what a scoring run uses, us-east-1, on demand, in US dollars; free tiers
 * are left out (a deployment's other traffic may use them). The figures the pricing pages named
 * on each group listed in 2025 (DynamoDB's after its on-demand reduction of 1 November 2024),
 * the same the README's earlier hand-computed model used; not re-read from the pages when this
 * was written, so check them before quoting a figure, and pass other prices to `nightlyCost`
 * for another region or a later list.
 */
export interface AwsPrices {
  lambda: {
    /** Per GB-second of duration (memory x billed time), first pricing tier. */
    x86GbSecond: number;
    arm64GbSecond: number;
    /** Per invocation. */
    request: number;
  };
  dynamoDb: {
    /** Per write request unit (an item write of up to 1 KB; an index entry written is one more). */
    writeRequestUnit: number;
    /** Per read request unit (a strongly consistent read of up to 4 KB). */
    readRequestUnit: number;
  };
  eventBridge: {
    /** Per custom event put on a bus; each 64 KB chunk of an event is billed as one. */
    customEvent: number;
  };
  stepFunctions: {
    /** Per state transition of a Standard workflow (a Distributed Map's child executions are Standard here). */
    stateTransition: number;
  };
  s3: {
    /** Per PUT, COPY, POST or LIST request (S3 Standard). */
    put: number;
    /** Per GET or SELECT request. */
    get: number;
  };
}

export const US_EAST_1_ON_DEMAND: AwsPrices = {
  // https://aws.amazon.com/lambda/pricing/ : $0.0000166667 (x86) and $0.0000133334 (Arm) per GB-s, $0.20 per million requests.
  lambda: { x86GbSecond: 0.0000166667, arm64GbSecond: 0.0000133334, request: 0.2 / 1e6 },
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ : $0.625 per million write request units, $0.125 per million read request units.
  dynamoDb: { writeRequestUnit: 0.625 / 1e6, readRequestUnit: 0.125 / 1e6 },
  // https://aws.amazon.com/eventbridge/pricing/ : custom events $1.00 per million (64 KB chunks).
  eventBridge: { customEvent: 1 / 1e6 },
  // https://aws.amazon.com/step-functions/pricing/ : Standard workflows $0.025 per 1,000 state transitions.
  stepFunctions: { stateTransition: 0.025 / 1000 },
  // https://aws.amazon.com/s3/pricing/ : S3 Standard $0.005 per 1,000 PUT/COPY/POST/LIST, $0.0004 per 1,000 GET/SELECT.
  s3: { put: 0.005 / 1000, get: 0.0004 / 1000 },
};
