import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { localFunctionArn, renderScoringRunDefinition } from '../../infra/local/runtime/scoring-run/index.js';
import { definitionInTemplate } from './scoring-run-definition-json.js';
import { synthTestStack } from './synth-test-stack.js';

describe('the synthesized scoring run definition', () => {
  const { stack, template } = synthTestStack();
  const definition = definitionInTemplate(stack, template);

  it('is valid Amazon States Language (asl-validator, with ARN and path checks)', () => {
    // The validator writes defaults into what it checks, so it gets a copy.
    const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });

    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('would be rejected by asl-validator if a transition pointed nowhere, so the check means something', () => {
    const broken = structuredClone(definition);
    broken.States.Segment = { ...broken.States.Segment!, Next: 'NoSuchState' };

    expect(aslValidator(broken, { checkArn: true, checkPaths: true }).isValid).toBe(false);
  });

  it('is exactly the one the local runtime renders and executes', () => {
    const deployed = definitionInTemplate(stack, template, localFunctionArn);

    expect(renderScoringRunDefinition()).toEqual(deployed);
  });
});
