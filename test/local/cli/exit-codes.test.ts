import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExportNotFoundError, ExportUsageError } from '../../../infra/local/cli/commands/export-command.js';
import { CustomerNotFoundError } from '../../../infra/local/cli/commands/query-commands.js';
import { ScoringRunFailedError } from '../../../infra/local/cli/local-scoring-runs.js';
import { InputRejectedError, NoRunYetError, SegmentNotFoundError } from '../../../infra/local/cli/output/cli-errors.js';
import { EXIT_CODES, exitCodeOf } from '../../../infra/local/cli/output/exit-codes.js';
import { ExtractRejectedError } from '../../../models/extracts/extract-rejected-error.js';
import { ConfigurationError } from '../../../models/config/errors.js';
import { StateDirNotOursError } from '../../../infra/local/runtime/index.js';
import { StateDirInUseError } from '../../../infra/local/runtime/state-dir-lock.js';

describe('exitCodeOf', () => {
  it.each([
    ['help or version', new CommanderError(0, 'commander.helpDisplayed', ''), EXIT_CODES.ok],
    ['an unknown option', new CommanderError(1, 'commander.unknownOption', ''), EXIT_CODES.usage],
    ['a folder the tool did not create', new StateDirNotOursError('x'), EXIT_CODES.usage],
    ['a folder another segments process holds (serve)', new Error('wrapped', { cause: new StateDirInUseError('x') }), EXIT_CODES.usage],
    ['--out in a missing folder', new ExportUsageError('x'), EXIT_CODES.usage],
    ['a rejected upload', new InputRejectedError('x', {}), EXIT_CODES.rejected],
    ['a bad configuration file', new ConfigurationError('x'), EXIT_CODES.rejected],
    ['an extract rejected, as a cause', new Error('wrapped', { cause: new ExtractRejectedError('empty-file', 'x') }), EXIT_CODES.rejected],
    ['a run refused by its stage', new ScoringRunFailedError('x', 'RunRefusedError'), EXIT_CODES.rejected],
    ['no run yet', new NoRunYetError('x'), EXIT_CODES.notFound],
    ['an unknown segment', new SegmentNotFoundError('x'), EXIT_CODES.notFound],
    ['an unknown customer', new CustomerNotFoundError('x'), EXIT_CODES.notFound],
    ['nothing to export', new ExportNotFoundError('x'), EXIT_CODES.notFound],
    ['a missing input file', Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: 'orders.csv' }), EXIT_CODES.notFound],
    ['a failed run', new ScoringRunFailedError('x', 'States.Timeout'), EXIT_CODES.failed],
    ['anything else', new TypeError('x'), EXIT_CODES.failed],
  ])('%s', (_, error, code) => {
    expect(exitCodeOf(error)).toBe(code);
  });
});
